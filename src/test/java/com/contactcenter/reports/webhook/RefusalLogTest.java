package com.contactcenter.reports.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RefusalLogTest {
    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    private final List<String> lines = new ArrayList<>();
    private final RefusalLog refusals = new RefusalLog(new CollectingLogger(lines), nanos::get);

    /** A System.Logger that keeps each line it is given, at every level. */
    private record CollectingLogger(List<String> lines) implements System.Logger {
        @Override
        public String getName() {
            return "refusals";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            lines.add(level + " " + message + (thrown == null ? "" : " caused by " + thrown.getMessage()));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(level + " " + format);
        }
    }

    @Test
    void eachRefusalIsLoggedWhileWithinTheSecondsBudget() {
        for (int i = 0; i < RefusalLog.LINES_PER_SECOND; i++) {
            refusals.refused(Level.INFO, () -> "Refused POST", null);
        }
        assertEquals(RefusalLog.LINES_PER_SECOND, lines.size());
    }

    @Test
    void refusalsPastTheBudgetAreCountedAndTheCountLoggedWithTheNextLine() {
        for (int i = 0; i < 25_000; i++) {
            refusals.refused(Level.INFO, () -> "Refused POST", null);
        }
        assertEquals(RefusalLog.LINES_PER_SECOND, lines.size());
        nanos.addAndGet(1_000_000_000L);
        refusals.refused(Level.INFO, () -> "Refused POST", null);
        assertEquals(List.of("WARNING " + (25_000 - RefusalLog.LINES_PER_SECOND)
                + " refused requests were not logged: more than 20 a second", "INFO Refused POST"),
                lines.subList(RefusalLog.LINES_PER_SECOND, lines.size()));
    }

    @Test
    void causeIsLoggedWithItsLine() {
        refusals.refused(Level.WARNING, () -> "Answered 503", new IllegalStateException("database away"));
        assertEquals(List.of("WARNING Answered 503 caused by database away"), lines);
    }

    @Test
    void lineOfARefusalNotLoggedIsNeverBuilt() {
        for (int i = 0; i < RefusalLog.LINES_PER_SECOND; i++) {
            refusals.refused(Level.INFO, () -> "Refused POST", null);
        }
        refusals.refused(Level.INFO, () -> {
            throw new AssertionError("built a line past the budget");
        }, null);
        assertEquals(RefusalLog.LINES_PER_SECOND, lines.size());
    }
}
