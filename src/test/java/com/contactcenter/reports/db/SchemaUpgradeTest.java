package com.contactcenter.reports.db;

import static com.contactcenter.reports.testing.Samples.report;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.contactcenter.reports.report.RecordOutcome;
import com.contactcenter.reports.report.ReportDao;
import com.contactcenter.reports.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A database that already holds reports is migrated to the latest schema with every row and rule intact. */
class SchemaUpgradeTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:15:30.123Z");

    static Stream<DatabaseDialect> databases() {
        return TestDatabase.requested().stream();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void eventsStoredBeforeTheUniqueKeyWasLedByGsIdAreStillRecognizedAsDuplicates(DatabaseDialect dialect) {
        try (TestDatabase database = TestDatabase.create(dialect)) {
            SchemaMigration.migrate(database.dataSource(), dialect, "4");
            ReportDao reports = new ReportDao(database.dataSource(), dialect, Clock.fixed(NOW, ZoneOffset.UTC));
            reports.recordAll(List.of(report("gs-1", "sent"), report("gs-1", "delivered"), report("gs-2", "sent")));

            SchemaMigration.migrate(database.dataSource(), dialect);

            reports.recordAll(List.of(report("gs-1", "delivered"), report("gs-1", "read"), report("gs-2", "sent")));
            assertEquals(RecordOutcome.DUPLICATE, reports.record(report("gs-1", "sent")));

            assertEquals(List.of("gs-1 delivered", "gs-1 read", "gs-1 sent", "gs-2 sent"), database.rows(
                    "SELECT gs_id, status FROM message_report ORDER BY gs_id, status").stream()
                    .map(row -> row.get("gs_id") + " " + row.get("status")).toList());
        }
    }
}
