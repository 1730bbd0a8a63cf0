package com.contactcenter.reports.testing;

import com.contactcenter.reports.report.StatusReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Gupshup's documented callback bodies, verbatim, from {@code src/test/resources/gupshup}, and a report as the
 * DAO tests store it.
 */
public final class Samples {
    private Samples() {
    }

    /** The body of {@code gupshup/<name>.json}, without the file's final newline. */
    public static String body(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/gupshup/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /** A report of one message's status on one Gupshup channel, with every time set and a tiny raw body. */
    public static StatusReport report(String gsId, String status) {
        return new StatusReport("gupshup", "202105102694809992", gsId, "wamid-1", "918x98xx21x4", status,
                Instant.parse("2025-03-27T11:45:50Z"), Instant.parse("2025-03-27T11:45:51.500Z"), null, null,
                "{\"raw\":true}");
    }
}
