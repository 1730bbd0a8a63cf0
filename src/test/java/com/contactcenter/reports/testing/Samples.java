package com.contactcenter.reports.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Gupshup's documented callback bodies, verbatim, from {@code src/test/resources/gupshup}. */
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
}
