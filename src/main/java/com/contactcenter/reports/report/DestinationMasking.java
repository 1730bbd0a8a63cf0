package com.contactcenter.reports.report;

/**
 * Masks a customer's phone number for logs: the first four and last two characters stay (country and a hint for
 * support), the rest become {@code *}. A value too short to keep that much hidden is masked whole. The database
 * keeps the number as Gupshup sent it; only logs, which travel further, get the masked form.
 */
public final class DestinationMasking {
    private static final int KEPT_AT_START = 4;
    private static final int KEPT_AT_END = 2;
    /** Below this length, keeping six characters would show most of the number. */
    private static final int SHORTEST_PARTLY_SHOWN = 10;

    private DestinationMasking() {
    }

    public static String mask(String destination) {
        if (destination == null) {
            return null;
        }
        int length = destination.length();
        if (length < SHORTEST_PARTLY_SHOWN) {
            return "*".repeat(length);
        }
        return destination.substring(0, KEPT_AT_START) + "*".repeat(length - KEPT_AT_START - KEPT_AT_END)
                + destination.substring(length - KEPT_AT_END);
    }
}
