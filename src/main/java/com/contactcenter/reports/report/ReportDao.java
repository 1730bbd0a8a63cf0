package com.contactcenter.reports.report;

import com.contactcenter.reports.db.DatabaseDialect;
import com.contactcenter.reports.failure.StorageUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;

/**
 * Records status reports in {@code message_report}, at most once per {@code (gs_id, bsp, channel_id, status)}.
 * Every time is stored as UTC in a column without a time zone. Thread-safe: it holds no connection.
 */
public final class ReportDao {
    private static final String COLUMNS = "bsp, channel_id, gs_id, message_id, destination, status, status_time,"
            + " report_time, received_at, error_code, error_reason, raw_report";
    private static final String PARAMETERS = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

    /** PostgreSQL: a conflict on the unique key inserts nothing, atomically, even under concurrent inserts. */
    static final String INSERT_POSTGRESQL = "INSERT INTO message_report (" + COLUMNS + ") VALUES (" + PARAMETERS
            + ") ON CONFLICT (gs_id, bsp, channel_id, status) DO NOTHING";

    /**
     * MariaDB/MySQL: IGNORE turns the duplicate-key error into "0 rows". It would also turn a too-long or missing
     * value into a warning, which cannot happen here: {@link StatusReport} refuses both before any SQL runs.
     */
    static final String INSERT_MARIADB = "INSERT IGNORE INTO message_report (" + COLUMNS + ") VALUES (" + PARAMETERS
            + ")";

    /**
     * H2: a plain INSERT. A batch meeting a row already stored fails on the unique key and is recorded again row by
     * row ({@link #recordAll}): duplicates are the exception, and H2's MERGE would search the unique index twice
     * for every row of every batch to spare them.
     */
    static final String INSERT_H2 = "INSERT INTO message_report (" + COLUMNS + ") VALUES (" + PARAMETERS + ")";

    private static final int MAX_ATTEMPTS = 3;
    private static final int NETWORK_TIMEOUT_MILLIS = 15_000;

    /** The order of the unique key (gs_id, bsp, channel_id, status). */
    private static final Comparator<StatusReport> KEY_ORDER = Comparator.comparing(StatusReport::gsId)
            .thenComparing(StatusReport::bsp).thenComparing(StatusReport::channelId)
            .thenComparing(StatusReport::status);

    private final DataSource dataSource;
    private final DatabaseDialect dialect;
    private final Clock clock;
    private final String insertStatement;

    public ReportDao(DataSource dataSource, DatabaseDialect dialect, Clock clock) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.clock = clock;
        this.insertStatement = dialect.choose(INSERT_POSTGRESQL, INSERT_MARIADB, INSERT_H2);
    }

    /**
     * Records one report and returns once its row is committed (or was already there). Throws
     * {@link StorageUnavailableException} when the database cannot commit: the caller must then not acknowledge.
     */
    public RecordOutcome record(StatusReport report) {
        return recordAll(List.of(report)).get(0);
    }

    /**
     * Records the reports in one batch and one transaction, and returns once it has committed: the outcome of each,
     * in order. When the batch meets an event already stored (H2's plain INSERT, or a concurrent writer such as
     * another instance committing the same event first), it is rolled back and recorded again row by row, so a
     * duplicate never fails the others.
     *
     * <p>Some drivers report no per-row counts for a batch; those rows are {@link RecordOutcome#UNCOUNTED}.
     */
    public List<RecordOutcome> recordAll(List<StatusReport> reports) {
        // Every writer inserts in key order, so two instances committing the same events lock them in the same
        // order and cannot deadlock each other; the outcomes are put back in the caller's order.
        Integer[] keyOrder = new Integer[reports.size()];
        for (int i = 0; i < keyOrder.length; i++) {
            keyOrder[i] = i;
        }
        Arrays.sort(keyOrder, Comparator.comparing(i -> reports.get(i), KEY_ORDER));
        List<StatusReport> sorted = new ArrayList<>(reports.size());
        for (Integer i : keyOrder) {
            sorted.add(reports.get(i));
        }
        List<RecordOutcome> sortedOutcomes = recordSorted(sorted);
        RecordOutcome[] outcomes = new RecordOutcome[reports.size()];
        for (int i = 0; i < keyOrder.length; i++) {
            outcomes[keyOrder[i]] = sortedOutcomes.get(i);
        }
        return Arrays.asList(outcomes);
    }

    private List<RecordOutcome> recordSorted(List<StatusReport> reports) {
        for (int attempt = 1;; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                boundNetworkWaits(connection);
                try {
                    return insertBatch(connection, reports);
                } catch (SQLException failed) {
                    rollback(connection);
                    if (!dialect.isUniqueViolation(failed)) {
                        throw failed;
                    }
                    return insertRowByRow(connection, reports);
                }
            } catch (SQLException failed) {
                // A deadlock or serialization failure chosen by the database is worth one more try at once.
                if (attempt < MAX_ATTEMPTS && dialect.isTransientConflict(failed)) {
                    continue;
                }
                throw new StorageUnavailableException("the report could not be stored; retry later", failed);
            }
        }
    }

    /**
     * A database that vanishes mid-statement can leave a socket read waiting forever (PostgreSQL's driver has no
     * socket timeout by default), and with it the one writer thread and every report after. JDBC 4.1's network
     * timeout bounds that wait; drivers without a network (H2 embedded) may not support it and need none.
     */
    private static void boundNetworkWaits(Connection connection) throws SQLException {
        try {
            connection.setNetworkTimeout(Runnable::run, NETWORK_TIMEOUT_MILLIS);
        } catch (SQLFeatureNotSupportedException | UnsupportedOperationException noNetwork) {
            // nothing to bound
        }
    }

    private List<RecordOutcome> insertBatch(Connection connection, List<StatusReport> reports) throws SQLException {
        // A report is answered only after this returns, so every row must be committed by then: in auto-commit
        // mode where the driver commits the whole batch as it returns (DatabaseDialect), else at commit(). A batch
        // that fails in auto-commit mode may leave some of its rows committed; they are whole rows, their reports
        // are refused with 503, and Gupshup's retries find them as duplicates.
        boolean autoCommit = dialect.recordsBatchesInAutoCommit();
        connection.setAutoCommit(autoCommit);
        try (PreparedStatement insert = connection.prepareStatement(insertStatement)) {
            Instant receivedAt = clock.instant();
            for (StatusReport report : reports) {
                bind(insert, report, receivedAt);
                insert.addBatch();
            }
            int[] counts = insert.executeBatch();
            if (!autoCommit) {
                connection.commit();
            }
            List<RecordOutcome> outcomes = new ArrayList<>(counts.length);
            for (int count : counts) {
                outcomes.add(count == Statement.SUCCESS_NO_INFO ? RecordOutcome.UNCOUNTED
                        : count == 0 ? RecordOutcome.DUPLICATE : RecordOutcome.STORED);
            }
            return outcomes;
        }
    }

    /**
     * One statement per report, in one transaction where a failed statement leaves the transaction usable (H2,
     * MariaDB), else one transaction per report (PostgreSQL aborts the whole transaction on an error).
     */
    private List<RecordOutcome> insertRowByRow(Connection connection, List<StatusReport> reports)
            throws SQLException {
        boolean oneTransaction = dialect.survivesFailedStatement();
        connection.setAutoCommit(!oneTransaction);
        List<RecordOutcome> outcomes = new ArrayList<>(reports.size());
        try (PreparedStatement insert = connection.prepareStatement(insertStatement)) {
            Instant receivedAt = clock.instant();
            for (StatusReport report : reports) {
                bind(insert, report, receivedAt);
                try {
                    outcomes.add(insert.executeUpdate() == 0 ? RecordOutcome.DUPLICATE : RecordOutcome.STORED);
                } catch (SQLException failed) {
                    if (!dialect.isUniqueViolation(failed)) {
                        throw failed;
                    }
                    outcomes.add(RecordOutcome.DUPLICATE);
                }
            }
        }
        if (oneTransaction) {
            connection.commit();
        }
        return outcomes;
    }

    private static void rollback(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException alreadyBroken) {
            // The connection is gone, and with it the transaction.
        }
    }

    private static void bind(PreparedStatement insert, StatusReport report, Instant receivedAt)
            throws SQLException {
        insert.setString(1, report.bsp());
        insert.setString(2, report.channelId());
        insert.setString(3, report.gsId());
        insert.setString(4, report.messageId());
        insert.setString(5, report.destination());
        insert.setString(6, report.status());
        setTime(insert, 7, report.statusTime());
        setTime(insert, 8, report.reportTime());
        setTime(insert, 9, receivedAt);
        insert.setString(10, report.errorCode());
        insert.setString(11, report.errorReason());
        insert.setString(12, report.rawReport());
    }

    static void setTime(PreparedStatement statement, int index, Instant time) throws SQLException {
        if (time == null) {
            statement.setNull(index, Types.TIMESTAMP);
        } else {
            statement.setObject(index, LocalDateTime.ofInstant(time, ZoneOffset.UTC));
        }
    }

    // Deletion in batches: retention (reports.retention-days) and the admin API's deletion of a channel's reports.
    // Each batch is one short transaction of at most batchSize rows, so that no lock is held for long and the
    // webhook's inserts, which add rows at the newest end, never wait behind a deletion of millions of rows.

    /** PostgreSQL: the oldest rows first, found through message_report_received_at_ix. */
    static final String DELETE_RECEIVED_BEFORE_POSTGRESQL = "DELETE FROM message_report WHERE id IN (SELECT id"
            + " FROM message_report WHERE received_at < ? ORDER BY received_at LIMIT ?)";

    /**
     * MariaDB/MySQL refuse LIMIT in an IN subquery, but take it on DELETE. (received_at, id) is the order of
     * message_report_received_at_ix itself (InnoDB appends the key): the scan stays on the old end of that index,
     * away from the inserts, and the statement is deterministic, as statement-based replication requires.
     */
    static final String DELETE_RECEIVED_BEFORE_MARIADB = "DELETE FROM message_report WHERE received_at < ?"
            + " ORDER BY received_at, id LIMIT ?";

    /** H2 limits a DELETE itself, several times faster than through an IN subquery. */
    static final String DELETE_RECEIVED_BEFORE_H2 = "DELETE FROM message_report WHERE received_at < ?"
            + " FETCH FIRST ? ROWS ONLY";

    /** PostgreSQL: found through message_report_channel_time_ix. */
    static final String DELETE_CHANNEL_REPORTS_POSTGRESQL = "DELETE FROM message_report WHERE id IN (SELECT id"
            + " FROM message_report WHERE bsp = ? AND channel_id = ? AND received_at < ? LIMIT ?)";

    /** MariaDB/MySQL: (report_time, id) follows message_report_channel_time_ix, for the reasons above. */
    static final String DELETE_CHANNEL_REPORTS_MARIADB = "DELETE FROM message_report WHERE bsp = ? AND channel_id = ?"
            + " AND received_at < ? ORDER BY report_time, id LIMIT ?";

    static final String DELETE_CHANNEL_REPORTS_H2 = "DELETE FROM message_report WHERE bsp = ? AND channel_id = ?"
            + " AND received_at < ? FETCH FIRST ? ROWS ONLY";

    /** Rows per deletion transaction: small enough to hold locks for milliseconds, large enough to be efficient. */
    public static final int DELETE_BATCH_SIZE = 1000;

    /** The pause between two batches, which leaves the database to the webhook's inserts and to replication. */
    public static final java.time.Duration DELETE_PAUSE = java.time.Duration.ofMillis(100);

    /**
     * Deletes every report received before {@code cutoff}, oldest first, in transactions of at most
     * {@code batchSize} rows with {@code pause} between them, and returns how many it deleted. Stops early, with
     * the thread's interrupt flag set, when the thread is interrupted (at undeploy).
     */
    public long deleteReceivedBefore(Instant cutoff, int batchSize, java.time.Duration pause) {
        String statement = dialect.choose(DELETE_RECEIVED_BEFORE_POSTGRESQL, DELETE_RECEIVED_BEFORE_MARIADB,
                DELETE_RECEIVED_BEFORE_H2);
        return deleteInBatches(statement, batchSize, pause, delete -> {
            setTime(delete, 1, cutoff);
            delete.setInt(2, batchSize);
        });
    }

    /**
     * Deletes the reports of one channel received until now (not those recorded after this call, for instance
     * for a channel created again under the same id), in batches as {@link #deleteReceivedBefore}.
     */
    public long deleteChannelReports(String bsp, String channelId, int batchSize, java.time.Duration pause) {
        Instant until = clock.instant().plusMillis(1); // received_at has millisecond precision: include this one
        String statement = dialect.choose(DELETE_CHANNEL_REPORTS_POSTGRESQL, DELETE_CHANNEL_REPORTS_MARIADB,
                DELETE_CHANNEL_REPORTS_H2);
        return deleteInBatches(statement, batchSize, pause, delete -> {
            delete.setString(1, bsp);
            delete.setString(2, channelId);
            setTime(delete, 3, until);
            delete.setInt(4, batchSize);
        });
    }

    /** Binds the parameters of one batch's DELETE. */
    private interface BatchParameters {
        void bind(PreparedStatement delete) throws SQLException;
    }

    private long deleteInBatches(String statement, int batchSize, java.time.Duration pause,
            BatchParameters parameters) {
        long deleted = 0;
        while (!Thread.currentThread().isInterrupted()) {
            int batch;
            // A connection per batch: between batches the pool has it back for the webhook.
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement delete = connection.prepareStatement(statement)) {
                connection.setAutoCommit(true);
                parameters.bind(delete);
                batch = delete.executeUpdate();
            } catch (SQLException failed) {
                throw new StorageUnavailableException("reports could not be deleted after " + deleted
                        + " rows; retry later", failed);
            }
            deleted += batch;
            // A short batch means no row was left when it ran (another instance may be deleting too).
            if (batch < batchSize || !pause(pause)) {
                break;
            }
        }
        return deleted;
    }

    private static boolean pause(java.time.Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
