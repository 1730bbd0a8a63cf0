package com.contactcenter.reports.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.contactcenter.reports.db.DatabaseDialect;
import com.contactcenter.reports.testing.SchemaDocument;
import com.contactcenter.reports.testing.SchemaDocument.Query;
import com.contactcenter.reports.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every query of docs/schema.md, exactly as written there, on every database of the run, against one known
 * scenario: two channels in March 2025 (plus a message sent in April and one sent an hour ago), compared row by
 * row and column by column with what a DBA should read.
 */
class SchemaQueriesTest {
    private static final String A = "202105102694809992";
    private static final String B = "202212120000000042";
    private static final String GS1 = "ee4a68a0-1203-4c85-8dc3-49d0b3226a35";
    private static final String WAMID1 = "gBEGkYaYVSEEAgnZxQ3JmKK6Wvg";
    private static final String D1 = "918x98xx21x4";
    private static final String D2 = "919867xx9135";
    private static final String D3 = "91XX985XX10X";
    private static final String UNDELIVERABLE = "Message undeliverable";
    private static final String NOT_OPTED_IN = "User is not Opted in and Inactive";
    private static final String TOO_LATE = "Message failed to send because more than 24 hours have passed since the"
            + " customer last replied to this number";
    private static final String READ_BODY = "{\"type\":\"message-event\",\"payload\":{\"type\":\"read\"}}";
    private static final List<String> DATABASES = List.of("h2", "postgresql", "mariadb");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    /** What each query answers on the scenario: a header of column labels, then one line per row. */
    private static final Map<String, String> EXPECTED = Map.of(
            "delivery-rates", """
                    bsp | channel_id | sent_day | sent | delivered | was_read | delivered_pct | read_pct
                    gupshup | 202105102694809992 | 2025-03-01 | 4 | 3 | 2 | 75.0 | 50.0
                    gupshup | 202105102694809992 | 2025-03-02 | 1 | 0 | 0 | 0.0 | 0.0
                    gupshup | 202105102694809992 | 2025-03-03 | 1 | 1 | 0 | 100.0 | 0.0
                    gupshup | 202212120000000042 | 2025-03-01 | 3 | 2 | 1 | 66.7 | 33.3
                    gupshup | 202212120000000042 | 2025-03-02 | 1 | 0 | 0 | 0.0 | 0.0
                    gupshup | 202212120000000042 | 2025-03-31 | 1 | 1 | 0 | 100.0 | 0.0
                    """,
            "delivery-times", """
                    bsp | channel_id | delivered | delivered_p50_s | delivered_p90_s | was_read | read_p50_s \
                    | read_p90_s
                    gupshup | 202105102694809992 | 3 | 4.0 | 8.8 | 2 | 75.0 | 111.0
                    gupshup | 202212120000000042 | 3 | 7.0 | 7.8 | 1 | 60.0 | 60.0
                    """,
            "failures-by-code", """
                    error_code | failures | channels | reason
                    131026 | 2 | 2 | Message undeliverable
                    null | 1 | 1 | null
                    1008 | 1 | 1 | User is not Opted in and Inactive
                    470 | 1 | 1 | %s
                    """.formatted(TOO_LATE),
            "stuck-in-sent", """
                    bsp | channel_id | gs_id | destination | sent_at
                    gupshup | 202105102694809992 | a-5 | 919867xx9135 | 2025-03-02 09:00:00
                    gupshup | 202212120000000042 | b-4 | 919867xx9135 | 2025-04-01 00:00:05
                    """,
            "message-reports", """
                    bsp | channel_id | gs_id | message_id | destination | status | status_time | report_time \
                    | received_at | error_code | error_reason | raw_report
                    gupshup | %1$s | %2$s | %2$s | %3$s | enqueued | null | 2025-03-01 10:00:00.250 \
                    | 2025-03-01 10:00:01.250 | null | null | null
                    gupshup | %1$s | %2$s | %4$s | %3$s | sent | 2025-03-01 10:00:01 | 2025-03-01 10:00:01.400 \
                    | 2025-03-01 10:00:02.400 | null | null | null
                    gupshup | %1$s | %2$s | %4$s | %3$s | delivered | 2025-03-01 10:00:05 | 2025-03-01 10:00:05.300 \
                    | 2025-03-01 10:00:06.300 | null | null | null
                    gupshup | %1$s | %2$s | %4$s | %3$s | read | 2025-03-01 10:02:01 | 2025-03-01 10:02:01.900 \
                    | 2025-03-01 10:02:02.900 | null | null | %5$s
                    """.formatted(A, GS1, D1, WAMID1, READ_BODY),
            "message-status", """
                    bsp | channel_id | gs_id | destination | status | enqueued_at | sent_at | delivered_at | read_at \
                    | failed_at | error_code | error_reason | last_report_at
                    gupshup | %s | %s | %s | read | 2025-03-01 10:00:00.250 | 2025-03-01 10:00:01 \
                    | 2025-03-01 10:00:05 | 2025-03-01 10:02:01 | null | null | null | 2025-03-01 10:02:01.900
                    """.formatted(A, GS1, D1),
            "destination-reports", """
                    bsp | channel_id | gs_id | status | event_time | error_code | error_reason
                    gupshup | %2$s | b-1 | sent | 2025-03-01 10:00:00 | null | null
                    gupshup | %1$s | %3$s | enqueued | 2025-03-01 10:00:00.250 | null | null
                    gupshup | %1$s | %3$s | sent | 2025-03-01 10:00:01 | null | null
                    gupshup | %2$s | b-1 | delivered | 2025-03-01 10:00:02 | null | null
                    gupshup | %1$s | %3$s | delivered | 2025-03-01 10:00:05 | null | null
                    gupshup | %2$s | b-1 | read | 2025-03-01 10:01:00 | null | null
                    gupshup | %1$s | %3$s | read | 2025-03-01 10:02:01 | null | null
                    """.formatted(A, B, GS1),
            "channel-reports", """
                    status | reports | first_report | last_report
                    delivered | 3 | 2025-03-01 10:00:05.300 | 2025-03-03 00:00:02.500
                    enqueued | 3 | 2025-03-01 10:00:00.250 | 2025-03-02 10:00:00
                    failed | 3 | 2025-03-01 13:00:20 | 2025-03-02 10:00:01
                    read | 2 | 2025-03-01 10:02:01.900 | 2025-03-01 12:00:30.500
                    sent | 6 | 2025-03-01 10:00:01.400 | 2025-03-03 00:00:00.200
                    """,
            "channel-messages", """
                    gs_id | status | sent_at | delivered_at | read_at | failed_at | error_code
                    a-7 | delivered | 2025-03-02 23:59:59 | 2025-03-03 00:00:02 | null | null | null
                    a-8 | failed | null | null | null | 2025-03-02 10:00:01 | null
                    a-6 | failed | null | null | null | 2025-03-02 09:30:01 | 1008
                    a-5 | sent | 2025-03-02 09:00:00 | null | null | null | null
                    a-4 | failed | 2025-03-01 13:00:00 | null | null | 2025-03-01 13:00:20 | 131026
                    a-3 | read | 2025-03-01 12:00:00 | null | 2025-03-01 12:00:30 | null | null
                    a-2 | delivered | 2025-03-01 11:00:00 | 2025-03-01 11:00:10 | null | null | null
                    %s | read | 2025-03-01 10:00:01 | 2025-03-01 10:00:05 | 2025-03-01 10:02:01 | null | null
                    """.formatted(GS1));

    private static final String INSERT = "INSERT INTO message_report (bsp, channel_id, gs_id, message_id,"
            + " destination, status, status_time, report_time, received_at, error_code, error_reason, raw_report)"
            + " VALUES ('gupshup', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * The scenario, one report a line: channel, gsId, message id, destination, status, event time (or null),
     * report time, error code, error reason. received_at is a second after the report time. Channel A's sent
     * message a-7 is reported just after midnight, so that its day is that of its report; b-4 is sent in April.
     */
    private static void loadScenario(TestDatabase database) throws SQLException {
        String recently = LocalDateTime.ofInstant(Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(
                ChronoUnit.SECONDS), ZoneOffset.UTC).toString().replace('T', ' ');
        String[][] reports = {
            {A, GS1, GS1, D1, "enqueued", null, "2025-03-01 10:00:00.250", null, null},
            {A, GS1, WAMID1, D1, "sent", "2025-03-01 10:00:01", "2025-03-01 10:00:01.400", null, null},
            {A, GS1, WAMID1, D1, "delivered", "2025-03-01 10:00:05", "2025-03-01 10:00:05.300", null, null},
            {A, GS1, WAMID1, D1, "read", "2025-03-01 10:02:01", "2025-03-01 10:02:01.900", null, null},
            {A, "a-2", "wamid-a2", D2, "sent", "2025-03-01 11:00:00", "2025-03-01 11:00:00.500", null, null},
            {A, "a-2", "wamid-a2", D2, "delivered", "2025-03-01 11:00:10", "2025-03-01 11:00:10.500", null, null},
            {A, "a-3", "wamid-a3", D3, "sent", "2025-03-01 12:00:00", "2025-03-01 12:00:00.500", null, null},
            {A, "a-3", "wamid-a3", D3, "read", "2025-03-01 12:00:30", "2025-03-01 12:00:30.500", null, null},
            {A, "a-4", "wamid-a4", D3, "sent", "2025-03-01 13:00:00", "2025-03-01 13:00:00.500", null, null},
            {A, "a-4", "wamid-a4", D3, "failed", null, "2025-03-01 13:00:20", "131026", UNDELIVERABLE},
            {A, "a-5", "wamid-a5", D2, "sent", "2025-03-02 09:00:00", "2025-03-02 09:00:00.500", null, null},
            {A, "a-6", "a-6", D3, "enqueued", null, "2025-03-02 09:30:00", null, null},
            {A, "a-6", "a-6", D3, "failed", null, "2025-03-02 09:30:01", "1008", NOT_OPTED_IN},
            {A, "a-7", "wamid-a7", D2, "sent", "2025-03-02 23:59:59", "2025-03-03 00:00:00.200", null, null},
            {A, "a-7", "wamid-a7", D2, "delivered", "2025-03-03 00:00:02", "2025-03-03 00:00:02.500", null, null},
            {A, "a-8", "a-8", D3, "enqueued", null, "2025-03-02 10:00:00", null, null},
            {A, "a-8", "a-8", D3, "failed", null, "2025-03-02 10:00:01", null, null},
            {B, "b-1", "wamid-b1", D1, "sent", "2025-03-01 10:00:00", "2025-03-01 10:00:00.500", null, null},
            {B, "b-1", "wamid-b1", D1, "delivered", "2025-03-01 10:00:02", "2025-03-01 10:00:02.500", null, null},
            {B, "b-1", "wamid-b1", D1, "read", "2025-03-01 10:01:00", "2025-03-01 10:01:00.500", null, null},
            {B, "b-2", "wamid-b2", D2, "sent", "2025-03-01 10:05:00", "2025-03-01 10:05:00.500", null, null},
            {B, "b-2", "wamid-b2", D2, "failed", null, "2025-03-01 10:05:03", "470", TOO_LATE},
            {B, "b-6", "wamid-b6", D3, "sent", "2025-03-01 10:10:00", "2025-03-01 10:10:00.500", null, null},
            {B, "b-6", "wamid-b6", D3, "delivered", "2025-03-01 10:10:07", "2025-03-01 10:10:07.500", null, null},
            {B, "b-7", "wamid-b7", D3, "sent", "2025-03-02 08:00:00", "2025-03-02 08:00:00.500", null, null},
            {B, "b-7", "wamid-b7", D3, "failed", null, "2025-03-02 08:00:30", "131026", UNDELIVERABLE},
            {B, "b-3", "wamid-b3", D2, "sent", "2025-03-31 23:00:00", "2025-03-31 23:00:00.500", null, null},
            {B, "b-3", "wamid-b3", D2, "delivered", "2025-03-31 23:00:08", "2025-03-31 23:00:08.500", null, null},
            {B, "b-4", "wamid-b4", D2, "sent", "2025-04-01 00:00:05", "2025-04-01 00:00:05.500", null, null},
            {B, "b-5", "wamid-b5", D3, "sent", recently, recently, null, null},
        };
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (String[] report : reports) {
                for (int i = 0; i < 5; i++) {
                    insert.setString(i + 1, report[i]);
                }
                insert.setObject(6, time(report[5]));
                insert.setObject(7, time(report[6]));
                insert.setObject(8, time(report[6]).plusSeconds(1));
                insert.setString(9, report[7]);
                insert.setString(10, report[8]);
                insert.setString(11, "read".equals(report[4]) && GS1.equals(report[1]) ? READ_BODY : null);
                insert.executeUpdate();
            }
        }
    }

    private static LocalDateTime time(String utc) {
        return utc == null ? null : LocalDateTime.parse(utc.replace(' ', 'T'));
    }

    private static String databaseName(DatabaseDialect dialect) {
        return dialect.name().toLowerCase(Locale.ROOT);
    }

    @Test
    void everyQueryIsWrittenOnceForEachDatabaseAndHasItsExpectedRows() {
        List<Query> queries = SchemaDocument.read().queries();
        Set<String> names = queries.stream().map(Query::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(EXPECTED.keySet()), names);
        for (String name : names) {
            for (String database : DATABASES) {
                assertEquals(1, queries.stream().filter(q -> q.name().equals(name) && q.runsOn(database)).count(),
                        name + " on " + database);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyDocumentedQueryAnswersTheScenarioExactly() {
        List<Query> queries = SchemaDocument.read().queries();
        return TestDatabase.requested().stream().flatMap(dialect -> queries.stream()
                .filter(query -> query.runsOn(databaseName(dialect)))
                .map(query -> DynamicTest.dynamicTest(query.name() + " on " + dialect, () -> {
                    try (TestDatabase database = TestDatabase.create(dialect).migrated()) {
                        loadScenario(database);
                        assertEquals(EXPECTED.get(query.name()), answer(database, query.sql()), query.sql());
                    }
                })));
    }

    /** The query's answer as text: the column labels, then each row, values separated by " | ". */
    private static String answer(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            ResultSetMetaData columns = rows.getMetaData();
            List<String> labels = new ArrayList<>();
            for (int column = 1; column <= columns.getColumnCount(); column++) {
                labels.add(columns.getColumnLabel(column).toLowerCase(Locale.ROOT));
            }
            StringBuilder answer = new StringBuilder(String.join(" | ", labels)).append('\n');
            while (rows.next()) {
                List<String> values = new ArrayList<>();
                for (int column = 1; column <= columns.getColumnCount(); column++) {
                    values.add(text(rows.getObject(column)));
                }
                answer.append(String.join(" | ", values)).append('\n');
            }
            return answer.toString();
        }
    }

    /** A value as a DBA reads it, the same whatever the driver's Java type for it. */
    private static String text(Object value) {
        if (value instanceof java.sql.Timestamp || value instanceof LocalDateTime) {
            LocalDateTime time = TestDatabase.localDateTime(value);
            return SECONDS.format(time) + (time.getNano() == 0 ? "" : String.format(Locale.ROOT, ".%03d",
                    time.getNano() / 1_000_000));
        }
        if (value instanceof java.sql.Date) {
            return ((java.sql.Date) value).toLocalDate().toString();
        }
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            return BigDecimal.valueOf(((Number) value).doubleValue()).toPlainString();
        }
        if (value instanceof java.sql.Clob) {
            try {
                java.sql.Clob clob = (java.sql.Clob) value;
                return clob.getSubString(1, (int) clob.length());
            } catch (SQLException unreadable) {
                throw new IllegalStateException(unreadable);
            }
        }
        return String.valueOf(value);
    }
}
