package com.contactcenter.reports.bench;

import com.contactcenter.reports.db.DatabaseDialect;
import com.contactcenter.reports.db.SchemaMigration;
import com.contactcenter.reports.report.ReportDao;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The database's ceiling: one thread inserting the benchmark's rows with the receiver's own batch statement, into
 * an empty database with the receiver's durability settings, for a fixed time. Prints rows per second for a batch
 * of the receiver's size under the benchmark's load and for a large batch, and what each row costs the whole machine
 * in CPU time (this JVM, H2's own threads, a local PostgreSQL's processes): the database's share of the CPU budget
 * that the receiver shares with the container and the load generator.
 *
 * <p>Usage: {@code DatabaseCeiling <jdbc-url> <user> <password> <seconds> [<warm-up seconds>]}: the warm-up (3 s by
 * default) lets the JIT compilers finish with H2 or the driver before the CPU per row is read.
 */
public final class DatabaseCeiling {
    private DatabaseCeiling() {
    }

    public static void main(String[] arguments) {
        DataSource dataSource = dataSource(arguments[0], arguments[1], arguments[2]);
        Duration run = Duration.ofSeconds(Long.parseLong(arguments[3]));
        Duration warmUp = Duration.ofSeconds(arguments.length > 4 ? Long.parseLong(arguments[4]) : 3);
        DatabaseDialect dialect = DatabaseDialect.of(dataSource);
        SchemaMigration.migrate(dataSource, dialect);
        ReportDao reports = new ReportDao(dataSource, dialect, Clock.systemUTC());
        long[] sequence = {0};
        for (int batchSize : new int[] {32, 500}) {
            measure(reports, batchSize, warmUp, sequence);
            long busyBefore = MachineCpu.busyMicros();
            long rowsBefore = sequence[0];
            double rate = measure(reports, batchSize, run, sequence);
            long busy = MachineCpu.busyMicros() - busyBefore;
            System.out.printf("CEILING batch=%d rows_per_second=%.0f cpu_us_per_row=%.0f%n", batchSize, rate,
                    busy / (double) (sequence[0] - rowsBefore));
        }
    }

    private static double measure(ReportDao reports, int batchSize, Duration run, long[] sequence) {
        long rows = 0;
        long start = System.nanoTime();
        long end = start + run.toNanos();
        while (System.nanoTime() < end) {
            reports.recordAll(BenchReports.next(batchSize, sequence));
            rows += batchSize;
        }
        return rows / ((System.nanoTime() - start) / 1e9);
    }

    /** The same pool as the receiver's under {@code mvn jetty:run}. */
    static DataSource dataSource(String url, String user, String password) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(user);
        pool.setPassword(password);
        return pool;
    }
}
