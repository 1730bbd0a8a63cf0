package com.contactcenter.reports.retention;

import com.contactcenter.reports.config.Settings;
import com.contactcenter.reports.report.ReportDao;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deletes the reports received more than {@code reports.retention-days} ago: once at startup, then an hour after
 * each run ends, on one daemon thread of its own, in batches of {@link ReportDao#DELETE_BATCH_SIZE} rows that each
 * commit on their own. Age is measured on {@code received_at}, the receiver's own clock: {@code report_time} comes
 * from the sender, and a wrong or replayed timestamp must neither delete a report on arrival nor keep it for ever.
 * Every instance runs it; two instances deleting at once only share the work.
 */
public final class ReportRetention implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ReportRetention.class.getName());

    /** Retention is counted in days: an hourly run keeps the table within an hour of the policy. */
    static final Duration PERIOD = Duration.ofHours(1);

    /** How long undeploy waits for a batch in progress to commit before it lets the thread go. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final ReportDao reports;
    private final Duration age;
    private final Clock clock;
    private final int batchSize;
    private final Duration pause;
    private final ScheduledExecutorService scheduler;

    ReportRetention(ReportDao reports, int retentionDays, Clock clock, int batchSize, Duration pause) {
        this.reports = reports;
        this.age = Duration.ofDays(retentionDays);
        this.clock = clock;
        this.batchSize = batchSize;
        this.pause = pause;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "reports-retention");
            thread.setDaemon(true); // never keeps a JVM alive on its own
            return thread;
        });
    }

    /** Starts the hourly deletion, or nothing when {@code retentionDays} is 0 (keep every report). */
    public static Optional<ReportRetention> start(int retentionDays, ReportDao reports, Clock clock) {
        if (retentionDays == 0) {
            LOG.log(Level.INFO, "{0} is 0: every report is kept", Settings.RETENTION_DAYS);
            return Optional.empty();
        }
        ReportRetention retention = new ReportRetention(reports, retentionDays, clock, ReportDao.DELETE_BATCH_SIZE,
                ReportDao.DELETE_PAUSE);
        retention.scheduler.scheduleWithFixedDelay(retention::runSafely, 0, PERIOD.toMillis(),
                TimeUnit.MILLISECONDS);
        LOG.log(Level.INFO, "Reports received more than {0} days ago are deleted every {1} ({2})", retentionDays,
                PERIOD, Settings.RETENTION_DAYS);
        return Optional.of(retention);
    }

    /** One run: deletes every report older than the age, batch by batch; returns how many it deleted. */
    long run() {
        Instant cutoff = clock.instant().minus(age);
        long started = System.nanoTime();
        long deleted = reports.deleteReceivedBefore(cutoff, batchSize, pause);
        if (deleted > 0) {
            LOG.log(Level.INFO, "Retention deleted {0} reports received before {1} in {2} ms", String.valueOf(deleted),
                    cutoff, String.valueOf(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
        }
        return deleted;
    }

    /** A run that fails (database down) is logged and retried at the next run, never cancels the schedule. */
    private void runSafely() {
        try {
            run();
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "Retention could not delete old reports; next attempt in " + PERIOD, failed);
        }
    }

    /** Stops the schedule, interrupting a run between two batches; the batch in progress commits or rolls back. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(Level.WARNING, "Retention did not stop within {0}", STOP_TIMEOUT);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
