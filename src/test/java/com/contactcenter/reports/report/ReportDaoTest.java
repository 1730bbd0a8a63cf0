package com.contactcenter.reports.report;

import static com.contactcenter.reports.testing.Samples.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.contactcenter.reports.db.DatabaseDialect;
import com.contactcenter.reports.failure.StorageUnavailableException;
import com.contactcenter.reports.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReportDaoTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:15:30.123Z");

    static Stream<DatabaseDialect> databases() {
        return TestDatabase.requested().stream();
    }

    private static ReportDao dao(TestDatabase database) {
        return new ReportDao(database.dataSource(), database.dialect(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void newReportIsStoredWithEveryColumnInUtc(DatabaseDialect dialect) {
        try (TestDatabase database = TestDatabase.create(dialect).migrated()) {
            StatusReport failed = new StatusReport("gupshup", "202105102694809992", "gs-1", "wamid-1", "918x98xx21x4",
                    "failed", null, Instant.parse("2022-09-14T06:57:17.856Z"), "470", "more than 24 hours",
                    "{\"type\":\"message-event\"}");
            assertEquals(RecordOutcome.STORED, dao(database).record(failed));

            Map<String, Object> row = database.rows("SELECT * FROM message_report").get(0);
            assertEquals("gupshup", row.get("bsp"));
            assertEquals("202105102694809992", row.get("channel_id"));
            assertEquals("gs-1", row.get("gs_id"));
            assertEquals("wamid-1", row.get("message_id"));
            assertEquals("918x98xx21x4", row.get("destination"));
            assertEquals("failed", row.get("status"));
            assertNull(row.get("status_time"));
            assertEquals("470", row.get("error_code"));
            assertEquals("more than 24 hours", row.get("error_reason"));
            assertEquals("{\"type\":\"message-event\"}", row.get("raw_report").toString());
            assertEquals(LocalDateTime.parse("2022-09-14T06:57:17.856"), localTime(database, "report_time"));
            assertEquals(LocalDateTime.parse("2026-11-25T10:15:30.123"), localTime(database, "received_at"));
        }
    }

    /** The column of the only row as the database holds it: UTC, with no time zone to shift it. */
    private static LocalDateTime localTime(TestDatabase database, String column) {
        return TestDatabase.localDateTime(database.rows("SELECT " + column + " FROM message_report").get(0)
                .get(column));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void sameEventAgainIsDuplicateAndStoredOnce(DatabaseDialect dialect) {
        try (TestDatabase database = TestDatabase.create(dialect).migrated()) {
            ReportDao dao = dao(database);
            assertEquals(RecordOutcome.STORED, dao.record(report("gs-1", "read")));
            assertEquals(RecordOutcome.DUPLICATE, dao.record(report("gs-1", "read")));
            assertEquals(1, database.count("SELECT COUNT(*) FROM message_report"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void laterStatusOfSameMessageIsStoredBesideEarlierOne(DatabaseDialect dialect) {
        try (TestDatabase database = TestDatabase.create(dialect).migrated()) {
            ReportDao dao = dao(database);
            dao.record(report("gs-1", "sent"));
            assertEquals(RecordOutcome.STORED, dao.record(report("gs-1", "delivered")));
            assertEquals(2, database.count("SELECT COUNT(*) FROM message_report WHERE gs_id = ?", "gs-1"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void idsDifferingOnlyInCaseAreDifferentMessages(DatabaseDialect dialect) {
        try (TestDatabase database = TestDatabase.create(dialect).migrated()) {
            ReportDao dao = dao(database);
            dao.record(report("gBEGkYaYVSEEAgnZ", "read"));
            assertEquals(RecordOutcome.STORED, dao.record(report("gbegkyayvseeagnz", "read")));
            assertEquals(2, database.count("SELECT COUNT(*) FROM message_report"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void textsAreStoredLiterallyWithoutInterpretation(DatabaseDialect dialect) {
        try (TestDatabase database = TestDatabase.create(dialect).migrated()) {
            String hostile = "x'); DROP TABLE message_report; -- <script>alert(1)</script> ✓ \\ %_";
            dao(database).record(report(hostile, "read"));
            assertEquals(hostile, database.rows("SELECT gs_id FROM message_report").get(0).get("gs_id"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void concurrentCopiesOfOneEventStoreOneRow(DatabaseDialect dialect) throws Exception {
        try (TestDatabase database = TestDatabase.create(dialect).migrated()) {
            ReportDao dao = dao(database);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<RecordOutcome>> copies = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    copies.add(() -> dao.record(report("gs-race", "delivered")));
                }
                long stored = 0;
                for (Future<RecordOutcome> outcome : pool.invokeAll(copies)) {
                    stored += outcome.get() == RecordOutcome.STORED ? 1 : 0;
                }
                assertEquals(1, stored);
                assertEquals(1, database.count("SELECT COUNT(*) FROM message_report"));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void batchHoldingOneEventTwiceStoresItOnce(DatabaseDialect dialect) {
        try (TestDatabase database = TestDatabase.create(dialect).migrated()) {
            List<RecordOutcome> outcomes = dao(database).recordAll(List.of(report("gs-1", "sent"),
                    report("gs-1", "delivered"), report("gs-1", "sent")));
            assertEquals(countsOrUncounted(dialect, RecordOutcome.STORED, RecordOutcome.STORED,
                    RecordOutcome.DUPLICATE), outcomes);
            assertEquals(2, database.count("SELECT COUNT(*) FROM message_report"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void batchMeetingRowsAlreadyStoredStoresOnlyTheNewOnes(DatabaseDialect dialect) {
        try (TestDatabase database = TestDatabase.create(dialect).migrated()) {
            ReportDao dao = dao(database);
            dao.record(report("gs-1", "sent"));
            assertEquals(countsOrUncounted(dialect, RecordOutcome.DUPLICATE, RecordOutcome.STORED),
                    dao.recordAll(List.of(report("gs-1", "sent"), report("gs-2", "sent"))));
            assertEquals(2, database.count("SELECT COUNT(*) FROM message_report"));
        }
    }

    /** MariaDB's driver sends a batch in bulk and reports no per-row count (SUCCESS_NO_INFO). */
    private static List<RecordOutcome> countsOrUncounted(DatabaseDialect dialect, RecordOutcome... counted) {
        List<RecordOutcome> outcomes = new ArrayList<>();
        for (RecordOutcome outcome : counted) {
            outcomes.add(dialect == DatabaseDialect.MARIADB ? RecordOutcome.UNCOUNTED : outcome);
        }
        return outcomes;
    }

    @Test
    void databaseThatCannotCommitMakesStorageUnavailable() {
        try (TestDatabase database = TestDatabase.h2().migrated()) {
            ReportDao dao = dao(database);
            database.execute("SHUTDOWN");
            assertThrows(StorageUnavailableException.class, () -> dao.record(report("gs-1", "read")));
        }
    }
}
