package com.contactcenter.reports.report;

/**
 * Told of every batch the {@link ReportWriter} records, on the writer's thread: how operators see commit latency
 * and batch sizes without the report package knowing how they are exported. Must be quick and must not throw.
 */
public interface BatchObserver {
    /** Observes nothing: for a writer nobody watches. */
    BatchObserver NONE = new BatchObserver() {
        @Override
        public void batchCommitted(int reports, long elapsedNanos) {
        }

        @Override
        public void batchFailed(int reports) {
        }
    };

    /** The batch of {@code reports} reports committed, {@code elapsedNanos} after its transaction began. */
    void batchCommitted(int reports, long elapsedNanos);

    /** The batch of {@code reports} reports could not be committed; its requests are answered 503. */
    void batchFailed(int reports);
}
