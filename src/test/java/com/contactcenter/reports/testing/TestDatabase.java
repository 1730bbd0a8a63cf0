package com.contactcenter.reports.testing;

import com.contactcenter.reports.db.DatabaseDialect;
import com.contactcenter.reports.db.SchemaMigration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A new, empty database for one test, on H2 (in memory) or on a real PostgreSQL or MariaDB server, dropped again
 * on close. Which databases the suite runs on is {@code -Dreports.test.databases=h2,postgresql,mariadb}; a server
 * that was asked for and cannot be reached fails the test, it is never skipped.
 */
public final class TestDatabase implements AutoCloseable {
    public static final String DATABASES_PROPERTY = "reports.test.databases";

    private final DatabaseDialect dialect;
    private final DataSource dataSource;
    private final AutoCloseable disposal;

    private TestDatabase(DatabaseDialect dialect, DataSource dataSource, AutoCloseable disposal) {
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.disposal = disposal;
    }

    /** The databases this run covers: H2 always by default; PostgreSQL and MariaDB when asked for. */
    public static List<DatabaseDialect> requested() {
        String names = System.getProperty(DATABASES_PROPERTY, "h2");
        return Arrays.stream(names.split(",")).map(String::trim).filter(name -> !name.isEmpty())
                .map(name -> DatabaseDialect.valueOf(name.toUpperCase(Locale.ROOT))).collect(Collectors.toList());
    }

    public static TestDatabase h2() {
        JdbcConnectionPool pool = JdbcConnectionPool.create(
                "jdbc:h2:mem:reports-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        return new TestDatabase(DatabaseDialect.H2, pool, () -> {
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            } catch (SQLException alreadyShutDown) {
                // a test that stopped the database itself
            }
            pool.dispose();
        });
    }

    public static TestDatabase create(DatabaseDialect dialect) {
        String name = "reports_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        switch (dialect) {
            case H2:
                return h2();
            case POSTGRESQL: {
                String server = setting("REPORTS_TEST_POSTGRESQL_URL", "jdbc:postgresql://127.0.0.1:5432/test");
                String user = setting("REPORTS_TEST_POSTGRESQL_USER", "postgres");
                String password = setting("REPORTS_TEST_POSTGRESQL_PASSWORD", "");
                execute(server, user, password, "CREATE DATABASE " + name);
                PGSimpleDataSource dataSource = new PGSimpleDataSource();
                dataSource.setUrl(server.substring(0, server.lastIndexOf('/') + 1) + name);
                dataSource.setUser(user);
                dataSource.setPassword(password);
                return new TestDatabase(dialect, dataSource,
                        () -> execute(server, user, password, "DROP DATABASE " + name + " WITH (FORCE)"));
            }
            case MARIADB: {
                String server = setting("REPORTS_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test");
                String user = setting("REPORTS_TEST_MARIADB_USER", "root");
                String password = setting("REPORTS_TEST_MARIADB_PASSWORD", "");
                execute(server, user, password, "CREATE DATABASE " + name);
                try {
                    MariaDbDataSource dataSource = new MariaDbDataSource(
                            server.substring(0, server.lastIndexOf('/') + 1) + name);
                    dataSource.setUser(user);
                    dataSource.setPassword(password);
                    return new TestDatabase(dialect, dataSource,
                            () -> execute(server, user, password, "DROP DATABASE " + name));
                } catch (SQLException invalid) {
                    throw new IllegalStateException(invalid);
                }
            }
            default:
                throw new IllegalArgumentException(dialect.toString());
        }
    }

    private static String setting(String variable, String fallback) {
        String value = System.getenv(variable);
        return value == null ? fallback : value;
    }

    private static void execute(String url, String user, String password, String sql) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException unreachable) {
            throw new IllegalStateException("The test database server at " + url + " was asked for (-D"
                    + DATABASES_PROPERTY + ") but cannot be used: " + unreachable.getMessage(), unreachable);
        }
    }

    public TestDatabase migrated() {
        SchemaMigration.migrate(dataSource, dialect);
        return this;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public DatabaseDialect dialect() {
        return dialect;
    }

    /** The rows of a query, each a map from lower-case column label to value. */
    public List<Map<String, Object>> rows(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                ResultSetMetaData columns = result.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int column = 1; column <= columns.getColumnCount(); column++) {
                        row.put(columns.getColumnLabel(column).toLowerCase(Locale.ROOT), result.getObject(column));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException failed) {
            throw new IllegalStateException(sql, failed);
        }
    }

    /** A TIMESTAMP value as read by {@link #rows}: drivers differ between Timestamp and LocalDateTime. */
    public static LocalDateTime localDateTime(Object value) {
        return value == null ? null
                : value instanceof Timestamp ? ((Timestamp) value).toLocalDateTime() : (LocalDateTime) value;
    }

    public long count(String sql, Object... parameters) {
        return ((Number) rows(sql, parameters).get(0).values().iterator().next()).longValue();
    }

    public void execute(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException failed) {
            throw new IllegalStateException(sql, failed);
        }
    }

    @Override
    public void close() {
        try {
            disposal.close();
        } catch (Exception failed) {
            throw new IllegalStateException("The test database " + dialect + " could not be dropped", failed);
        }
    }

    @Override
    public String toString() {
        return dialect.toString();
    }
}
