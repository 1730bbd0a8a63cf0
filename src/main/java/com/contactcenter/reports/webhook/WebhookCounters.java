package com.contactcenter.reports.webhook;

import com.contactcenter.reports.report.RecordOutcome;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what the webhook acknowledged since startup: reports stored, duplicates, reports whose driver did not say
 * which of the two they were, other events. Thread-safe.
 */
public final class WebhookCounters {
    private final LongAdder stored = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder uncounted = new LongAdder();
    private final LongAdder otherEvents = new LongAdder();

    void countRecorded(RecordOutcome outcome) {
        switch (outcome) {
            case STORED:
                stored.increment();
                break;
            case DUPLICATE:
                duplicates.increment();
                break;
            default:
                uncounted.increment();
        }
    }

    void countOtherEvent() {
        otherEvents.increment();
    }

    public long reportsStored() {
        return stored.sum();
    }

    public long duplicateReports() {
        return duplicates.sum();
    }

    public long uncountedReports() {
        return uncounted.sum();
    }

    /** Events of kinds that are not status reports ({@code message}, {@code user-event}, ...): acknowledged only. */
    public long otherEvents() {
        return otherEvents.sum();
    }
}
