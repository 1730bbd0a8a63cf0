package com.contactcenter.reports.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The databases the receiver supports, each with the few facts that differ between them: where its schema scripts
 * live and how it reports a unique-key violation.
 */
public enum DatabaseDialect {
    H2("h2"),
    POSTGRESQL("postgresql"),
    /** MariaDB and MySQL share scripts and statements. */
    MARIADB("mariadb");

    private static final int MARIADB_DUPLICATE_ENTRY = 1062;
    private static final int MARIADB_DEADLOCK = 1213;

    private final String scriptFolder;

    DatabaseDialect(String scriptFolder) {
        this.scriptFolder = scriptFolder;
    }

    /** The class-path folders of the versioned schema scripts: this database's own, and the portable ones. */
    public String[] migrationLocations() {
        return new String[] {"classpath:db/migration/" + scriptFolder, "classpath:db/migration/common"};
    }

    /** True when the exception is a unique-key violation, and only then: a NOT NULL violation is not a duplicate. */
    public boolean isUniqueViolation(SQLException exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException) {
                SQLException sql = (SQLException) cause;
                boolean unique = this == MARIADB ? sql.getErrorCode() == MARIADB_DUPLICATE_ENTRY
                        : "23505".equals(sql.getSQLState());
                if (unique) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * True when the database gave up the transaction to resolve a conflict with another one (a deadlock, a
     * serialization failure: SQLState class 40, MariaDB error 1213): trying again can succeed.
     */
    public boolean isTransientConflict(SQLException exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException) {
                SQLException sql = (SQLException) cause;
                String state = sql.getSQLState();
                if ((state != null && state.startsWith("40")) || (this == MARIADB
                        && sql.getErrorCode() == MARIADB_DEADLOCK)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * True when a statement that fails inside a transaction is undone alone and the transaction goes on (H2,
     * MariaDB/InnoDB); PostgreSQL instead aborts the whole transaction until it is rolled back.
     */
    public boolean survivesFailedStatement() {
        return this != POSTGRESQL;
    }

    /**
     * True when the writer sends its batches in auto-commit mode, saving the COMMIT round trip of every batch.
     * PostgreSQL's JDBC driver sends a batch's statements and then one Sync (another only when the replies it
     * awaits would overflow its buffer, hundreds of statements on), and the server commits the implicit
     * transaction at each Sync (PostgreSQL protocol, "Extended Query"): so every row is committed when
     * {@code executeBatch} returns, and the batch costs one round trip, not two. Measured in alternating 15 s rounds
     * at 32 connections: 20,200 against 17,450 reports/s (medians of 6). H2 and MariaDB commit each statement of an
     * auto-commit batch on its own, one durable write per row, so they keep an explicit transaction.
     */
    public boolean recordsBatchesInAutoCommit() {
        return this == POSTGRESQL;
    }

    /** The one of three per-database values (an SQL statement, mostly) that belongs to this dialect. */
    public <T> T choose(T forPostgresql, T forMariadb, T forH2) {
        switch (this) {
            case POSTGRESQL:
                return forPostgresql;
            case MARIADB:
                return forMariadb;
            default:
                return forH2;
        }
    }

    public static DatabaseDialect of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return ofProductName(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException unreachable) {
            throw new IllegalStateException("The database behind " + ReportsDataSource.JNDI_NAME
                    + " cannot be reached: " + unreachable.getMessage(), unreachable);
        }
    }

    static DatabaseDialect ofProductName(String productName) {
        String name = productName.toLowerCase(Locale.ROOT);
        if (name.contains("h2")) {
            return H2;
        } else if (name.contains("postgresql")) {
            return POSTGRESQL;
        } else if (name.contains("mariadb") || name.contains("mysql")) {
            return MARIADB;
        }
        throw new IllegalStateException("Unsupported database '" + productName
                + "': the receiver supports H2, PostgreSQL and MariaDB/MySQL");
    }
}
