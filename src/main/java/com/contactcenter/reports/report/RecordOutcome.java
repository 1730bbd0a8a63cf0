package com.contactcenter.reports.report;

/** What recording a report did; every outcome means the report is committed. */
public enum RecordOutcome {
    /** A new row. */
    STORED,
    /** The same status event was already recorded: nothing written. */
    DUPLICATE,
    /**
     * Committed, but the driver reported no count for the row ({@code Statement.SUCCESS_NO_INFO}): MariaDB's bulk
     * batches and PostgreSQL's rewritten batches do so. New row or duplicate, only the table knows.
     */
    UNCOUNTED
}
