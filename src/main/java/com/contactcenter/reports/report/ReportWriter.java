package com.contactcenter.reports.report;

import com.contactcenter.reports.failure.StorageUnavailableException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Group commit: request threads hand their reports to one writer thread, which records whatever has queued up
 * meanwhile in one batch and one transaction; each request returns when its own batch has committed, never before.
 * A commit costs about the same for one row as for hundreds, so under load the rows per commit grow with the rate.
 *
 * <p>The queue is bounded: when the writer is behind, a report is refused at once (503, Gupshup retries) rather than
 * queued without limit, and a request never waits longer than the wait bound, which stays well under the 10 s after
 * which Gupshup gives up on an answer. Thread-safe.
 */
public final class ReportWriter implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ReportWriter.class.getName());
    private static final long IDLE_POLL_MILLIS = 200;

    private final ReportDao reports;
    private final BlockingQueue<PendingReport> queue;
    private final int maxBatchSize;
    private final long waitNanos;
    private final Thread writer;
    private volatile boolean accepting = true;
    private final int queueCapacity;
    private final BatchObserver observer;
    // System.nanoTime() of the last failed batch, meaningful only while lastBatchFailed is true.
    private volatile long lastFailedBatchNanos;
    private volatile boolean lastBatchFailed;

    public ReportWriter(ReportDao reports, int queueCapacity, int maxBatchSize, Duration waitBound) {
        this(reports, queueCapacity, maxBatchSize, waitBound, BatchObserver.NONE);
    }

    public ReportWriter(ReportDao reports, int queueCapacity, int maxBatchSize, Duration waitBound,
            BatchObserver observer) {
        this.queueCapacity = queueCapacity;
        this.observer = observer;
        this.reports = reports;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.maxBatchSize = maxBatchSize;
        this.waitNanos = waitBound.toNanos();
        this.writer = new Thread(this::writeUntilClosed, "report-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /**
     * Records the report and returns once it is committed.
     *
     * @throws StorageUnavailableException when the queue is full, the database fails, or the commit takes longer
     *     than the wait bound: the report is then not acknowledged (it may still be committed later, which a retry
     *     finds as a duplicate)
     */
    public RecordOutcome record(StatusReport report) {
        try {
            return submit(report).get();
        } catch (ExecutionException failed) {
            throw (StorageUnavailableException) failed.getCause();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("the receiver is stopping; retry later", interrupted);
        }
    }

    /**
     * Queues the report and returns at once: the future completes on the writer's thread once the report's batch
     * has committed, or exceptionally, always with {@link StorageUnavailableException}, when the database fails or
     * the commit takes longer than the wait bound. This is what lets the webhook answer asynchronously, without a
     * request thread parked per report in flight.
     *
     * @throws StorageUnavailableException at once when the queue is full or the writer is closed
     */
    public CompletableFuture<RecordOutcome> submit(StatusReport report) {
        PendingReport pending = new PendingReport(report);
        if (!accepting || !queue.offer(pending)) {
            throw new StorageUnavailableException("the receiver is busy; retry later", null);
        }
        return pending.outcome.orTimeout(waitNanos, TimeUnit.NANOSECONDS).handle(ReportWriter::outcomeOrFailure);
    }

    private static RecordOutcome outcomeOrFailure(RecordOutcome outcome, Throwable failure) {
        if (failure == null) {
            return outcome;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof StorageUnavailableException) {
            throw (StorageUnavailableException) cause;
        }
        if (cause instanceof TimeoutException) {
            throw new StorageUnavailableException("the report was not committed in time; retry later", cause);
        }
        throw new StorageUnavailableException("the report could not be stored; retry later", cause);
    }

    /** The number of reports waiting for the writer. */
    public int queueDepth() {
        return queue.size();
    }

    /** The most reports that can wait for the writer; one more is refused with 503. */
    public int queueCapacity() {
        return queueCapacity;
    }

    /** True while the writer takes reports and its thread runs: false once closed, or should the thread die. */
    public boolean isRunning() {
        return accepting && writer.isAlive();
    }

    /** True when the latest batch failed to commit and did so less than {@code window} ago. */
    public boolean lastBatchFailedWithin(Duration window) {
        return lastBatchFailed && System.nanoTime() - lastFailedBatchNanos < window.toNanos();
    }

    private void writeUntilClosed() {
        List<PendingReport> batch = new ArrayList<>(maxBatchSize);
        while (accepting || !queue.isEmpty()) {
            try {
                PendingReport first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatchSize - 1);
                write(batch);
            } catch (InterruptedException stop) {
                accepting = false;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<PendingReport> batch) {
        List<StatusReport> statusReports = new ArrayList<>(batch.size());
        for (PendingReport pending : batch) {
            statusReports.add(pending.report);
        }
        long started = System.nanoTime();
        try {
            List<RecordOutcome> outcomes = reports.recordAll(statusReports);
            lastBatchFailed = false;
            observer.batchCommitted(batch.size(), System.nanoTime() - started);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).outcome.complete(outcomes.get(i));
            }
        } catch (StorageUnavailableException unavailable) {
            batchFailed(batch.size());
            LOG.log(Level.WARNING, "A batch of " + batch.size() + " reports could not be committed: "
                    + unavailable.getCause());
            for (PendingReport pending : batch) {
                pending.outcome.completeExceptionally(unavailable);
            }
        } catch (Throwable failed) {
            // The only writer must outlive any failure, or every later report would wait in vain.
            batchFailed(batch.size());
            LOG.log(Level.ERROR, "Recording a batch of " + batch.size() + " reports failed", failed);
            for (PendingReport pending : batch) {
                pending.outcome.completeExceptionally(failed);
            }
            if (failed instanceof VirtualMachineError) {
                throw (VirtualMachineError) failed;
            }
        }
    }

    private void batchFailed(int reports) {
        lastFailedBatchNanos = System.nanoTime();
        lastBatchFailed = true;
        observer.batchFailed(reports);
    }

    /** Stops taking reports, records those already queued, and stops the writer. */
    @Override
    public void close() {
        accepting = false;
        try {
            writer.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class PendingReport {
        final StatusReport report;
        final CompletableFuture<RecordOutcome> outcome = new CompletableFuture<>();

        PendingReport(StatusReport report) {
            this.report = report;
        }
    }
}
