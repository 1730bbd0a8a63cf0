package com.contactcenter.reports.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contactcenter.reports.testing.PrivatePostgres;
import com.contactcenter.reports.testing.ReceiverServer;
import com.contactcenter.reports.testing.ReportLoad;
import com.contactcenter.reports.testing.ReportLoad.Report;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stops under load and comes back: the receiver answers 503 quickly meanwhile, never 200, recovers by
 * itself, and once Gupshup has resent what was refused the table holds every report exactly once.
 */
class PostgresOutageFaultIT {
    private static final String CHANNEL = "202105102694809992";
    private static final String PASSWORD = "outage-webhook-password";
    /** Shorter than the outage, so that the channel is due to be read again while the database is away. */
    private static final int CHANNEL_REFRESH_SECONDS = 2;
    private static final int OUTAGE_MILLIS = 6_000;

    @Test
    void outageLosesNothingAcknowledgedAndResentReportsAreStoredOnce() throws Exception {
        try (PrivatePostgres postgres = PrivatePostgres.create()) {
            try (Connection admin = DriverManager.getConnection(postgres.jdbcUrl("postgres"), "postgres", "");
                    Statement create = admin.createStatement()) {
                create.execute("CREATE DATABASE reports");
            }
            try (HikariDataSource pool = pool(postgres.jdbcUrl("reports"));
                    ReceiverServer server = ReceiverServer.start(pool,
                            Map.of("reports.channel-refresh-seconds", String.valueOf(CHANNEL_REFRESH_SECONDS)))) {
                assertEquals(201, server.putChannel(CHANNEL, PASSWORD).statusCode());
                URI webhook = server.webhook(CHANNEL);
                ReportLoad load = ReportLoad.start(List.of(webhook), PASSWORD, 6, 1_000_000);
                awaitAcknowledged(load, 300);

                postgres.stopAbruptly();
                int acknowledgedAtOutage = load.acknowledged().size();
                Thread.sleep(OUTAGE_MILLIS);
                int refusedDuringOutage = load.refused().size();
                postgres.start();
                awaitAcknowledged(load, load.acknowledged().size() + 300); // recovered, without a restart
                load.stop();

                assertTrue(refusedDuringOutage > 0, "the outage refused nothing");
                assertEquals(List.of(), load.unexpectedStatuses(), "only 200 or 503 while the database was away");
                assertTrue(load.slowestRefusalMillis() < 5_000, load.slowestRefusalMillis() + " ms for a 503");
                assertEquals(0, load.refusalsWithoutRetryAfter(), "503 answers without Retry-After");

                Set<Report> resend = new HashSet<>(load.refused());
                resend.removeAll(load.acknowledged());
                for (Report report : resend) {
                    assertEquals(200, resendUntilAcknowledged(load, webhook, report), report.key());
                }

                Set<String> sent = new HashSet<>();
                load.acknowledged().forEach(report -> sent.add(report.key()));
                load.refused().forEach(report -> sent.add(report.key()));
                Map<String, Integer> stored = storedKeys(pool);
                assertEquals(sent, stored.keySet(), "the table holds exactly the reports sent");
                assertTrue(stored.values().stream().allMatch(count -> count == 1), "each report once");
                assertMessageStatusIsFurthestStatus(pool, load);
                System.out.printf("FAULT postgresql-outage: %d acknowledged before the outage, %d refused with 503"
                        + " during a %d s outage (slowest refusal %d ms), %d resent, %d rows = %d reports sent%n",
                        acknowledgedAtOutage, refusedDuringOutage, OUTAGE_MILLIS / 1000, load.slowestRefusalMillis(),
                        resend.size(), stored.size(), sent.size());
            }
        }
    }

    static HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername("postgres");
        // A connection that cannot be had within a second fails the batch at once: 503 rather than a wait.
        pool.setConnectionTimeout(1_000);
        return pool;
    }

    private static void awaitAcknowledged(ReportLoad load, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (load.acknowledged().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(load.acknowledged().size() >= count, load.acknowledged().size() + " acknowledged, not " + count);
    }

    private static int resendUntilAcknowledged(ReportLoad load, URI webhook, Report report)
            throws InterruptedException {
        int status = -1;
        for (int attempt = 0; attempt < 20 && status != 200; attempt++) {
            status = load.send(webhook, PASSWORD, report);
            if (status != 200) {
                Thread.sleep(250);
            }
        }
        return status;
    }

    private static Map<String, Integer> storedKeys(HikariDataSource pool) throws Exception {
        Map<String, Integer> keys = new HashMap<>();
        try (Connection connection = pool.getConnection(); Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("SELECT gs_id, status FROM message_report")) {
            while (rows.next()) {
                keys.merge(rows.getString(1) + "/" + rows.getString(2), 1, Integer::sum);
            }
        }
        return keys;
    }

    private static void assertMessageStatusIsFurthestStatus(HikariDataSource pool, ReportLoad load)
            throws Exception {
        Map<String, String> furthest = new HashMap<>();
        List<String> order = List.of("sent", "delivered", "read");
        for (Set<Report> reports : List.of(load.acknowledged(), load.refused())) {
            for (Report report : reports) {
                furthest.merge(report.gsId(), report.status(),
                        (a, b) -> order.indexOf(a) >= order.indexOf(b) ? a : b);
            }
        }
        Map<String, String> shown = new HashMap<>();
        try (Connection connection = pool.getConnection(); Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("SELECT gs_id, status FROM message_status")) {
            while (rows.next()) {
                shown.put(rows.getString(1), rows.getString(2));
            }
        }
        assertFalse(shown.isEmpty());
        assertEquals(furthest, shown);
    }
}
