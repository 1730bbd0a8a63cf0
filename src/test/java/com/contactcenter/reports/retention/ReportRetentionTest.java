package com.contactcenter.reports.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contactcenter.reports.db.DatabaseDialect;
import com.contactcenter.reports.report.RecordOutcome;
import com.contactcenter.reports.report.ReportDao;
import com.contactcenter.reports.report.StatusReport;
import com.contactcenter.reports.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReportRetentionTest {
    private static final int OLD_REPORTS = 1000;
    private static final int BATCH = 100;

    static Stream<DatabaseDialect> databases() {
        return TestDatabase.requested().stream();
    }

    private static StatusReport report(String gsId) {
        return new StatusReport("gupshup", "202105102694809992", gsId, null, "918x98xx21x4", "delivered",
                Instant.parse("2025-03-27T11:45:50Z"), Instant.parse("2025-03-27T11:45:51Z"), null, null, null);
    }

    @ParameterizedTest
    @MethodSource("databases")
    @Timeout(120)
    void oldReportsGoAndNewOnesStayWhileReportsKeepArriving(DatabaseDialect dialect) throws Exception {
        try (TestDatabase database = TestDatabase.create(dialect).migrated()) {
            insertReportsReceived40DaysAgo(database);
            ReportDao live = new ReportDao(database.dataSource(), dialect, Clock.systemUTC());
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong stored = new AtomicLong();
            ExecutorService webhook = Executors.newSingleThreadExecutor();
            try {
                // The webhook's inserts, one after the other, for as long as retention runs and a little longer.
                Future<?> inserts = webhook.submit(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        if (live.record(report("new-" + i)) == RecordOutcome.STORED) {
                            stored.incrementAndGet();
                        }
                    }
                });
                awaitAtLeast(stored, 20);
                long before = stored.get();

                long deleted = new ReportRetention(live, 30, Clock.systemUTC(), BATCH, Duration.ofMillis(5)).run();

                long during = stored.get() - before;
                awaitAtLeast(stored, stored.get() + 20);
                stop.set(true);
                inserts.get(30, TimeUnit.SECONDS); // rethrows what an insert threw: a deadlock, a lock timeout
                assertEquals(OLD_REPORTS, deleted);
                assertEquals(0, database.count("SELECT COUNT(*) FROM message_report WHERE gs_id LIKE 'old-%'"));
                assertEquals(stored.get(), database.count(
                        "SELECT COUNT(*) FROM message_report WHERE gs_id LIKE 'new-%'"), "no insert lost");
                assertTrue(during > 0, "inserts went on while retention ran");
            } finally {
                stop.set(true);
                webhook.shutdownNow();
            }
        }
    }

    /** In one transaction: one at a time, over a new connection each (PostgreSQL's), they would take minutes. */
    private static void insertReportsReceived40DaysAgo(TestDatabase database) throws SQLException {
        LocalDateTime received = LocalDateTime.now(ZoneOffset.UTC).minusDays(40);
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO message_report (bsp, channel_id,"
                        + " gs_id, destination, status, report_time, received_at) VALUES ('gupshup', '1', ?,"
                        + " '918x98xx21x4', 'delivered', ?, ?)")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < OLD_REPORTS; i++) {
                insert.setString(1, "old-" + i);
                insert.setObject(2, received);
                insert.setObject(3, received);
                insert.addBatch();
            }
            insert.executeBatch();
            connection.commit();
        }
    }

    private static void awaitAtLeast(AtomicLong counter, long value) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (counter.get() < value && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    @Test
    void zeroDaysKeepsEveryReportAndStartsNoTask() {
        try (TestDatabase database = TestDatabase.h2().migrated()) {
            ReportDao reports = new ReportDao(database.dataSource(), database.dialect(), Clock.systemUTC());
            assertTrue(ReportRetention.start(0, reports, Clock.systemUTC()).isEmpty());
        }
    }
}
