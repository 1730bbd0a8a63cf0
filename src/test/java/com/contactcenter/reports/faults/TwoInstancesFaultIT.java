package com.contactcenter.reports.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.contactcenter.reports.db.DatabaseDialect;
import com.contactcenter.reports.testing.ReceiverServer;
import com.contactcenter.reports.testing.ReportLoad;
import com.contactcenter.reports.testing.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Two receiver instances on one PostgreSQL database, each report sent to both at the same time (a load balancer
 * retrying on the other instance): every report is acknowledged by both and stored exactly once.
 */
class TwoInstancesFaultIT {
    private static final String CHANNEL = "202105102694809992";
    private static final String PASSWORD = "twin-webhook-password";

    @Test
    void sameReportsThroughTwoInstancesAreStoredExactlyOnce() throws Exception {
        try (TestDatabase database = TestDatabase.create(DatabaseDialect.POSTGRESQL);
                HikariDataSource poolA = pool(database); HikariDataSource poolB = pool(database);
                ReceiverServer first = ReceiverServer.start(poolA);
                ReceiverServer second = ReceiverServer.start(poolB)) {
            assertEquals(201, first.putChannel(CHANNEL, PASSWORD).statusCode());
            ReportLoad load = ReportLoad.start(List.of(first.webhook(CHANNEL), second.webhook(CHANNEL)), PASSWORD,
                    8, 150);
            load.awaitCompletion();

            Set<String> sent = new HashSet<>();
            load.acknowledged().forEach(report -> sent.add(report.key()));
            assertEquals(List.of(), List.copyOf(load.refused()), "both instances acknowledge every report");
            assertEquals(8 * 150, sent.size());
            assertEquals(sent.size(), database.count("SELECT COUNT(*) FROM message_report"));
            assertEquals(sent.size(), database.count(
                    "SELECT COUNT(*) FROM (SELECT DISTINCT gs_id, status FROM message_report) AS distinct_reports"));
            System.out.printf("FAULT two-instances: %d reports, each sent to both instances at once: %d rows%n",
                    sent.size(), database.count("SELECT COUNT(*) FROM message_report"));
        }
    }

    private static HikariDataSource pool(TestDatabase database) {
        HikariDataSource pool = new HikariDataSource();
        pool.setDataSource(database.dataSource());
        return pool;
    }
}
