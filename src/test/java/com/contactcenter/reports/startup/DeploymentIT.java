package com.contactcenter.reports.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contactcenter.reports.testing.ReceiverServer;
import com.contactcenter.reports.testing.Samples;
import com.contactcenter.reports.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the built WAR deploys: what it needs from the container, and its settings. */
class DeploymentIT {

    private static String messages(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        return messages.toString();
    }

    @Test
    void missingDataSourceFailsDeploymentNamingIt() {
        Exception failure = assertThrows(Exception.class, () -> ReceiverServer.start(null).close());
        // Jetty refuses an unbound resource-ref before the receiver starts ("Nothing to bind for name
        // jdbc/reports"); containers that bind lazily reach the receiver's own message, which names it too.
        assertTrue(messages(failure).contains("jdbc/reports"), messages(failure));
    }

    @Test
    void invalidSettingFailsDeploymentNamingIt() {
        try (TestDatabase database = TestDatabase.h2()) {
            Exception failure = assertThrows(Exception.class, () -> ReceiverServer.start(database.dataSource(),
                    ReceiverServer.settings("reports.max-body-bytes", "lots")).close());
            assertTrue(messages(failure).contains(
                    "Setting reports.max-body-bytes must be a whole number from 1024 to 1000000, not 'lots'"),
                    messages(failure));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "reports.store-raw-report|yes|must be true or false, not 'yes'",
        "reports.migrate-schema|1|must be true or false, not '1'",
        "reports.channel-refresh-seconds|-1|must be a whole number from 0 to 3600, not '-1'",
        "reports.queue-capacity|0|must be a whole number from 1 to 1000000, not '0'",
        "reports.batch-size|10001|must be a whole number from 1 to 10000, not '10001'",
        "reports.commit-wait-millis|9000|must be a whole number from 100 to 8000, not '9000'",
        "reports.auth-failure-limit|0|must be a whole number from 1 to 1000000, not '0'",
        "reports.auth-failure-window-seconds|86401|must be a whole number from 1 to 86400, not '86401'",
        "reports.previous-password-grace-seconds|a week|must be a whole number from 0 to 604800, not 'a week'",
        "reports.metrics-role|metrics readers|must be empty (no role required) or a role name of 1 to 64 letters,"
            + " digits, '.', '_' or '-', not 'metrics readers'",
    })
    void everyInvalidSettingFailsDeploymentNamingIt(String setting, String value, String rule) {
        try (TestDatabase database = TestDatabase.h2()) {
            Exception failure = assertThrows(Exception.class, () -> ReceiverServer.start(database.dataSource(),
                    ReceiverServer.settings(setting, value)).close());
            assertTrue(messages(failure).contains("Setting " + setting + " " + rule), messages(failure));
        }
    }

    @Test
    void untrustworthyProxyListFailsDeploymentNamingIt() {
        try (TestDatabase database = TestDatabase.h2()) {
            Exception failure = assertThrows(Exception.class, () -> ReceiverServer.start(database.dataSource(),
                    ReceiverServer.settings("reports.trusted-proxies", "10.0.0.0/8, proxy.example.com")).close());
            assertTrue(messages(failure).contains("Setting reports.trusted-proxies must list IP addresses and CIDR"
                    + " blocks separated by commas: 'proxy.example.com' is not an IP address or a CIDR block"),
                    messages(failure));
        }
    }

    @Test
    void invalidRetentionDaysFailsDeploymentNamingIt() {
        try (TestDatabase database = TestDatabase.h2()) {
            Exception failure = assertThrows(Exception.class, () -> ReceiverServer.start(database.dataSource(),
                    ReceiverServer.settings("reports.retention-days", "-1")).close());
            assertTrue(messages(failure).contains(
                    "Setting reports.retention-days must be a whole number from 0 to 36500, not '-1'"),
                    messages(failure));
        }
    }

    @Test
    void retentionDeletesOldReportsOnceDeployed() throws Exception {
        try (TestDatabase database = TestDatabase.h2().migrated()) {
            database.execute(oldAndNewReport());
            ReceiverServer server = ReceiverServer.start(database.dataSource(),
                    ReceiverServer.settings("reports.retention-days", "30"));
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (database.count("SELECT COUNT(*) FROM message_report") > 1 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertEquals(List.of(Map.of("gs_id", "new")), database.rows("SELECT gs_id FROM message_report"));
            } finally {
                server.close();
            }
        }
    }

    @Test
    void retentionStopsWithTheApplication() throws Exception {
        try (TestDatabase database = TestDatabase.h2()) {
            ReceiverServer server = ReceiverServer.start(database.dataSource(),
                    ReceiverServer.settings("reports.retention-days", "30"));
            try {
                assertTrue(retentionThreadIsAlive());
            } finally {
                server.close();
            }
            // A thread left running after undeploy would keep the web application's class loader alive.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (retentionThreadIsAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertFalse(retentionThreadIsAlive());
        }
    }

    private static boolean retentionThreadIsAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(
                thread -> thread.getName().equals("reports-retention") && thread.isAlive());
    }

    /** One report received 40 days ago, one received now (UTC, as the receiver writes them). */
    private static String oldAndNewReport() {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        return "INSERT INTO message_report (bsp, channel_id, gs_id, destination, status, report_time, received_at)"
                + " VALUES ('gupshup', '1', 'old', '918x98xx21x4', 'sent', TIMESTAMP '" + sql(now.minusDays(40))
                + "', TIMESTAMP '" + sql(now.minusDays(40)) + "'), ('gupshup', '1', 'new', '918x98xx21x4', 'sent',"
                + " TIMESTAMP '" + sql(now) + "', TIMESTAMP '" + sql(now) + "')";
    }

    private static String sql(LocalDateTime time) {
        return time.withNano(0).toString().replace('T', ' ');
    }

    @Test
    void schemaIsCreatedAtStartup() throws Exception {
        try (TestDatabase database = TestDatabase.h2(); ReceiverServer server = ReceiverServer.start(
                database.dataSource())) {
            assertEquals(scriptVersions("h2", "common"), database.rows("SELECT \"version\""
                    + " FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL AND \"success\" = TRUE"
                    + " ORDER BY \"installed_rank\""));
            assertEquals(201, server.putChannel("1", "webhook-password").statusCode());
        }
    }

    /** The versions of the V<n>__*.sql scripts in the given migration folders, in order, as Flyway records them. */
    private static List<Map<String, Object>> scriptVersions(String... folders) throws IOException {
        List<Integer> versions = new ArrayList<>();
        for (String folder : folders) {
            try (Stream<Path> scripts = Files.list(Path.of("src/main/resources/db/migration", folder))) {
                scripts.map(script -> script.getFileName().toString()).filter(name -> name.matches("V\\d+__.*"))
                        .forEach(name -> versions.add(Integer.parseInt(name.substring(1, name.indexOf("__")))));
            }
        }
        return versions.stream().sorted().map(version -> Map.<String, Object>of("version", version.toString()))
                .collect(Collectors.toList());
    }

    @Test
    void automaticMigrationCanBeSwitchedOff() throws Exception {
        try (TestDatabase database = TestDatabase.h2(); ReceiverServer server = ReceiverServer.start(
                database.dataSource(), ReceiverServer.settings("reports.migrate-schema", "false"))) {
            assertEquals(0, database.count(
                    "SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = 'message_report'"));
            // Without the DBA's scripts there is nowhere to store a report: refused, not acknowledged.
            assertEquals(503, server.putChannel("1", "webhook-password").statusCode());
        }
    }

    @Test
    void rawReportStorageCanBeSwitchedOff() throws Exception {
        try (TestDatabase database = TestDatabase.h2(); ReceiverServer server = ReceiverServer.start(
                database.dataSource(), ReceiverServer.settings("reports.store-raw-report", "false"))) {
            server.putChannel("1", "webhook-password");
            assertEquals(200, server.postReport("1", "webhook-password", Samples.body("read")).statusCode());
            assertNull(database.rows("SELECT raw_report FROM message_report").get(0).get("raw_report"));
        }
    }

    @Test
    void bodyLimitIsConfigurable() throws Exception {
        try (TestDatabase database = TestDatabase.h2(); ReceiverServer server = ReceiverServer.start(
                database.dataSource(), ReceiverServer.settings("reports.max-body-bytes", "1024"))) {
            server.putChannel("1", "webhook-password");
            String body = Samples.body("read").replace("}}}", "},\"padding\":\"" + "x".repeat(1024) + "\"}}");
            assertEquals(413, server.postReport("1", "webhook-password", body).statusCode());
        }
    }
}
