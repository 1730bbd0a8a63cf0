package com.contactcenter.reports.db;

import java.lang.System.Logger.Level;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema to the current version at startup with Flyway, from the plain SQL scripts under
 * {@code db/migration/<database>} that a DBA can also run by hand.
 */
public final class SchemaMigration {
    private static final System.Logger LOG = System.getLogger(SchemaMigration.class.getName());

    private SchemaMigration() {
    }

    public static void migrate(DataSource dataSource, DatabaseDialect dialect) {
        migrate(dataSource, dialect, "latest");
    }

    /** Migrates up to the given version only: how the tests leave a database as an older release left it. */
    static void migrate(DataSource dataSource, DatabaseDialect dialect, String targetVersion) {
        Flyway flyway = Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations(dialect.migrationLocations())
                .target(targetVersion)
                // PostgreSQL's version 3 builds its indexes CONCURRENTLY, which waits for every open transaction:
                // Flyway's default lock is held in one, so the build would wait for ever. A session lock still
                // keeps two instances that start together from migrating at once.
                // PostgreSQL's version 5 builds and drops indexes CONCURRENTLY around an ALTER TABLE: a script that
                // mixes such statements with transactional ones runs without a transaction only when allowed.
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false", "flyway.mixed", "true"))
                .load();
        try {
            MigrateResult result = flyway.migrate();
            LOG.log(Level.INFO, "Schema of {0} is at version {1} ({2} migrations applied now)",
                    dialect, result.targetSchemaVersion == null ? result.initialSchemaVersion
                            : result.targetSchemaVersion, result.migrationsExecuted);
        } catch (FlywayException failed) {
            throw new IllegalStateException("Schema migration from " + String.join(", ",
                    dialect.migrationLocations()) + " failed: " + failed.getMessage(), failed);
        }
    }
}
