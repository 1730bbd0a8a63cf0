package com.contactcenter.reports.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.contactcenter.reports.db.DatabaseDialect;
import com.contactcenter.reports.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MessageStatusViewTest {

    static Stream<DatabaseDialect> databases() {
        return TestDatabase.requested().stream();
    }

    private static StatusReport event(String gsId, String status, Instant statusTime, Instant reportTime) {
        return new StatusReport("gupshup", "202105102694809992", gsId, null, "918x98xx21x4", status, statusTime,
                reportTime, "failed".equals(status) ? "131026" : null,
                "failed".equals(status) ? "Message undeliverable" : null, null);
    }

    private static Instant at(int second) {
        return Instant.parse("2025-03-27T11:45:00Z").plusSeconds(second);
    }

    private static Map<String, Object> status(TestDatabase database, String gsId) {
        List<Map<String, Object>> rows = database.rows("SELECT * FROM message_status WHERE gs_id = ?", gsId);
        assertEquals(1, rows.size());
        return rows.get(0);
    }

    private static LocalDateTime time(Map<String, Object> row, String column) {
        return TestDatabase.localDateTime(row.get(column));
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void furthestStatusWinsWhateverTheArrivalOrder(DatabaseDialect dialect) {
        try (TestDatabase database = TestDatabase.create(dialect).migrated()) {
            ReportDao dao = new ReportDao(database.dataSource(), dialect, Clock.systemUTC());
            dao.record(event("gs-1", "read", at(30), at(31)));
            dao.record(event("gs-1", "delivered", at(20), at(21)));
            dao.record(event("gs-1", "sent", at(10), at(11)));
            dao.record(event("gs-1", "enqueued", null, at(1)));

            Map<String, Object> row = status(database, "gs-1");
            assertEquals("read", row.get("status"));
            assertEquals(utc(at(1)), time(row, "enqueued_at"));
            assertEquals(utc(at(10)), time(row, "sent_at"));
            assertEquals(utc(at(20)), time(row, "delivered_at"));
            assertEquals(utc(at(30)), time(row, "read_at"));
            assertNull(row.get("failed_at"));
            assertEquals(utc(at(31)), time(row, "last_report_at"));
            assertEquals("918x98xx21x4", row.get("destination"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void lateLowerStatusNeverUnfailsAMessage(DatabaseDialect dialect) {
        try (TestDatabase database = TestDatabase.create(dialect).migrated()) {
            ReportDao dao = new ReportDao(database.dataSource(), dialect, Clock.systemUTC());
            dao.record(event("gs-2", "failed", null, at(5)));
            dao.record(event("gs-2", "delivered", at(3), at(9)));
            dao.record(event("gs-2", "read", at(4), at(10)));

            Map<String, Object> row = status(database, "gs-2");
            assertEquals("failed", row.get("status"));
            assertEquals(utc(at(5)), time(row, "failed_at"));
            assertEquals(utc(at(3)), time(row, "delivered_at"));
            assertEquals("131026", row.get("error_code"));
            assertEquals("Message undeliverable", row.get("error_reason"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void unknownStatusShowsOnlyWhileNothingElseIsKnown(DatabaseDialect dialect) {
        try (TestDatabase database = TestDatabase.create(dialect).migrated()) {
            ReportDao dao = new ReportDao(database.dataSource(), dialect, Clock.systemUTC());
            dao.record(event("gs-3", "mismatch", at(1), at(2)));
            assertEquals("mismatch", status(database, "gs-3").get("status"));
            dao.record(event("gs-3", "sent", at(3), at(4)));
            assertEquals("sent", status(database, "gs-3").get("status"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void eachMessageOfEachChannelHasItsOwnRow(DatabaseDialect dialect) {
        try (TestDatabase database = TestDatabase.create(dialect).migrated()) {
            ReportDao dao = new ReportDao(database.dataSource(), dialect, Clock.systemUTC());
            dao.record(event("gs-4", "read", at(1), at(2)));
            dao.record(new StatusReport("gupshup", "other-channel", "gs-4", null, "918x98xx21x4", "sent", at(1),
                    at(2), null, null, null));
            assertEquals(List.of(Map.of("channel_id", "202105102694809992", "status", "read"),
                    Map.of("channel_id", "other-channel", "status", "sent")), database.rows(
                    "SELECT channel_id, status FROM message_status WHERE gs_id = 'gs-4' ORDER BY channel_id"));
        }
    }
}
