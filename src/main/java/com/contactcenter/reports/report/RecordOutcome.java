package com.contactcenter.reports.report;

/** What recording a report did: stored a new row, or found the same status event already recorded. */
public enum RecordOutcome {
    STORED,
    DUPLICATE
}
