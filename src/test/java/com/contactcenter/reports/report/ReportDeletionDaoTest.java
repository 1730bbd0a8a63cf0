package com.contactcenter.reports.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.contactcenter.reports.db.DatabaseDialect;
import com.contactcenter.reports.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The batch deletions behind retention and the admin API's deletion of a channel's reports. */
class ReportDeletionDaoTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:15:30.123Z");
    private static final Duration NO_PAUSE = Duration.ZERO;

    static Stream<DatabaseDialect> databases() {
        return TestDatabase.requested().stream();
    }

    private static ReportDao daoAt(TestDatabase database, Instant now) {
        return new ReportDao(database.dataSource(), database.dialect(), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static StatusReport report(String channelId, String gsId) {
        return new StatusReport("gupshup", channelId, gsId, null, "918x98xx21x4", "sent",
                Instant.parse("2025-03-27T11:45:50Z"), Instant.parse("2025-03-27T11:45:51Z"), null, null, null);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void reportsReceivedBeforeTheCutoffAreDeletedInBatchesAndLaterOnesStay(DatabaseDialect dialect) {
        try (TestDatabase database = TestDatabase.create(dialect).migrated()) {
            ReportDao old = daoAt(database, NOW.minus(Duration.ofDays(31)));
            for (int i = 0; i < 25; i++) {
                old.record(report("1", "old-" + i));
            }
            daoAt(database, NOW.minus(Duration.ofDays(29))).record(report("1", "recent"));

            long deleted = daoAt(database, NOW).deleteReceivedBefore(NOW.minus(Duration.ofDays(30)), 10, NO_PAUSE);

            assertEquals(25, deleted);
            assertEquals(1, database.count("SELECT COUNT(*) FROM message_report"));
            assertEquals("recent", database.rows("SELECT gs_id FROM message_report").get(0).get("gs_id"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void channelsReportsAreDeletedButNotOtherChannelsNorReportsRecordedAfterwards(DatabaseDialect dialect) {
        try (TestDatabase database = TestDatabase.create(dialect).migrated()) {
            ReportDao dao = daoAt(database, NOW);
            for (int i = 0; i < 12; i++) {
                dao.record(report("gone", "m-" + i));
            }
            dao.record(report("other", "m-0"));
            daoAt(database, NOW.plusSeconds(60)).record(report("gone", "after-the-deletion"));

            long deleted = dao.deleteChannelReports("gupshup", "gone", 5, NO_PAUSE);

            assertEquals(12, deleted);
            assertEquals(List.of(Map.of("channel_id", "gone", "gs_id", "after-the-deletion"),
                    Map.of("channel_id", "other", "gs_id", "m-0")), database.rows(
                    "SELECT channel_id, gs_id FROM message_report ORDER BY channel_id"));
        }
    }
}
