package com.contactcenter.reports.health;

import com.contactcenter.reports.report.ReportWriter;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * Whether the receiver can take reports now: the database answers a query on {@code message_report}, and the writer
 * keeps up. The rule alone, with no servlet types. Thread-safe.
 *
 * <p>Probes may come often and from many places at once; the database is asked at most once a second, by one probe
 * at a time, and the others reuse its answer, so a storm of probes never loads the database.
 */
public final class ReadinessCheck {
    private static final System.Logger LOG = System.getLogger(ReadinessCheck.class.getName());

    /** How long the database's answer is reused. */
    static final long ANSWER_REUSED_NANOS = Duration.ofSeconds(1).toNanos();
    /** A probe still waiting for the database after this long means it does not answer: not ready. */
    static final long STALLED_QUERY_NANOS = Duration.ofSeconds(2).toNanos();
    /** The longest the database may take to answer the probe's query. */
    private static final int QUERY_TIMEOUT_SECONDS = 1;
    /**
     * A failed commit keeps the receiver unready for this long, then the database is given another chance: an
     * unready receiver gets no traffic behind a load balancer, so a failure that never expired would never heal.
     */
    static final Duration FAILED_COMMIT_REMEMBERED = Duration.ofSeconds(5);
    /** With less than a tenth of the queue free, 503s for a full queue are near: stop taking more traffic. */
    private static final double QUEUE_FULL_ENOUGH = 0.9;

    /** Reads no row: proves the connection, the schema and the privileges that recording needs, at no cost. */
    private static final String QUERY = "SELECT 1 FROM message_report WHERE 1 = 0";

    private final DataSource dataSource;
    private final ReportWriter writer;
    private final LongSupplier nanoClock;
    private final ReentrantLock querying = new ReentrantLock();
    private volatile DatabaseAnswer lastAnswer;
    private volatile long queryStartedNanos;

    /** The outcome of one check: each part, and whether the receiver is ready. */
    public record Readiness(boolean databaseAnswers, boolean writerKeepsUp) {
        public boolean ready() {
            return databaseAnswers && writerKeepsUp;
        }
    }

    private record DatabaseAnswer(boolean answered, long atNanos) {
    }

    public ReadinessCheck(DataSource dataSource, ReportWriter writer, LongSupplier nanoClock) {
        this.dataSource = dataSource;
        this.writer = writer;
        this.nanoClock = nanoClock;
    }

    public Readiness check() {
        return new Readiness(databaseAnswers(), writerKeepsUp());
    }

    /** The writer runs, its queue is not nearly full, and its last batch did not just fail. */
    boolean writerKeepsUp() {
        return writer.isRunning() && writer.queueDepth() < writer.queueCapacity() * QUEUE_FULL_ENOUGH
                && !writer.lastBatchFailedWithin(FAILED_COMMIT_REMEMBERED);
    }

    boolean databaseAnswers() {
        DatabaseAnswer known = lastAnswer;
        long now = nanoClock.getAsLong();
        if (known != null && now - known.atNanos < ANSWER_REUSED_NANOS) {
            return known.answered;
        }
        if (!querying.tryLock()) {
            // Another probe is asking right now: its predecessor's answer stands, unless the database is slow to
            // give the new one.
            return known != null && known.answered && now - queryStartedNanos < STALLED_QUERY_NANOS;
        }
        try {
            queryStartedNanos = now;
            boolean answered = query();
            if (known == null ? !answered : known.answered != answered) {
                LOG.log(answered ? Level.INFO : Level.WARNING, "The database {0}: the receiver is {1}",
                        answered ? "answers again" : "does not answer", answered ? "ready" : "not ready");
            }
            lastAnswer = new DatabaseAnswer(answered, nanoClock.getAsLong());
            return answered;
        } finally {
            querying.unlock();
        }
    }

    private boolean query() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(QUERY)) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            statement.executeQuery().close();
            return true;
        } catch (SQLException | RuntimeException unavailable) {
            LOG.log(Level.DEBUG, "The readiness query failed", unavailable);
            return false;
        }
    }
}
