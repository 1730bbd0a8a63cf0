package com.contactcenter.reports.bench;

import com.contactcenter.reports.db.DatabaseDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Fills message_report with rows shaped like real ones (a random UUID gsId each, a raw report of the usual size), in
 * chunks, so that the benchmark can show that the receiver's cost does not grow with the table.
 *
 * <p>Usage: {@code TablePrefill <jdbc-url> <user> <password> <rows>}
 */
public final class TablePrefill {
    private static final int CHUNK = 250_000;
    private static final String RAW = "'{\"app\":\"BenchApp\",\"timestamp\":1743075951500,\"version\":2,"
            + "\"type\":\"message-event\",\"payload\":{\"id\":\"prefill\",\"gsId\":\"prefill\","
            + "\"type\":\"sent\",\"destination\":\"918x98xx21x4\",\"payload\":{\"ts\":1743075950}}}'";
    private static final String COLUMNS = "bsp, channel_id, gs_id, message_id, destination, status, status_time,"
            + " report_time, received_at, raw_report";

    static final String PREFILL_H2 = "INSERT INTO message_report (" + COLUMNS + ")"
            + " SELECT 'gupshup', 'bench-prefill', CAST(RANDOM_UUID() AS VARCHAR), NULL, '918x98xx21x4',"
            + " 'sent', LOCALTIMESTAMP, LOCALTIMESTAMP, LOCALTIMESTAMP, " + RAW + " FROM SYSTEM_RANGE(1, ?)";
    static final String PREFILL_POSTGRESQL = "INSERT INTO message_report (" + COLUMNS + ")"
            + " SELECT 'gupshup', 'bench-prefill', gen_random_uuid()::text, NULL, '918x98xx21x4',"
            + " 'sent', LOCALTIMESTAMP, LOCALTIMESTAMP, LOCALTIMESTAMP, " + RAW + " FROM generate_series(1, ?)";

    private TablePrefill() {
    }

    public static void main(String[] arguments) throws SQLException {
        DataSource dataSource = DatabaseCeiling.dataSource(arguments[0], arguments[1], arguments[2]);
        long rows = Long.parseLong(arguments[3]);
        String prefill = DatabaseDialect.of(dataSource) == DatabaseDialect.H2 ? PREFILL_H2 : PREFILL_POSTGRESQL;
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(prefill)) {
            for (long done = 0; done < rows; done += CHUNK) {
                insert.setLong(1, Math.min(CHUNK, rows - done));
                insert.executeUpdate();
            }
        }
        System.out.printf("PREFILL rows=%d seconds=%.0f%n", rows, (System.nanoTime() - start) / 1e9);
    }
}
