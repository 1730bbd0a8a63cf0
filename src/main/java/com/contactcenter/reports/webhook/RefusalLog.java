package com.contactcenter.reports.webhook;

import java.lang.System.Logger.Level;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The log of refused webhook requests: one line each, up to {@value #LINES_PER_SECOND} a second; past that, refusals
 * are only counted, and the count is logged with the next line that is logged. A flood of wrong passwords was
 * measured at about 25,000 refusals a second on a 2-core machine: a line for each would fill an operator's disk and
 * spend the flood's CPU on formatting. The metrics still count every refusal. Thread-safe.
 */
final class RefusalLog {
    static final int LINES_PER_SECOND = 20;
    private static final long SECOND_NANOS = 1_000_000_000L;

    private final System.Logger log;
    private final LongSupplier nanoClock;
    private long windowStartNanos;
    private int linesInWindow;
    private long notLogged;

    RefusalLog(System.Logger log, LongSupplier nanoClock) {
        this.log = log;
        this.nanoClock = nanoClock;
        this.windowStartNanos = nanoClock.getAsLong() - SECOND_NANOS;
    }

    /**
     * Logs the line, with the cause's stack trace when there is one, unless this second's lines are spent; the line
     * is only built when it is logged.
     */
    void refused(Level level, Supplier<String> line, Throwable cause) {
        if (!log.isLoggable(level)) {
            return;
        }
        long skippedBefore;
        synchronized (this) {
            long now = nanoClock.getAsLong();
            if (now - windowStartNanos >= SECOND_NANOS) {
                windowStartNanos = now;
                linesInWindow = 0;
            }
            if (linesInWindow >= LINES_PER_SECOND) {
                notLogged++;
                return;
            }
            linesInWindow++;
            skippedBefore = notLogged;
            notLogged = 0;
        }
        if (skippedBefore > 0) {
            log.log(Level.WARNING, skippedBefore + " refused requests were not logged: more than " + LINES_PER_SECOND
                    + " a second");
        }
        if (cause == null) {
            log.log(level, line.get());
        } else {
            log.log(level, line.get(), cause);
        }
    }
}
