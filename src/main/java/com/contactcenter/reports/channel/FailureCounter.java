package com.contactcenter.reports.channel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Counts failures per key (a client address, a channel) in fixed windows, and says how long a key that went over
 * the limit must wait. Memory is bounded: past {@code maxKeys}, expired windows are dropped, and keys beyond that
 * are not tracked (each still gets no more than its own limit). Thread-safe.
 */
final class FailureCounter {
    private final int limit;
    private final long windowNanos;
    private final int maxKeys;
    private final LongSupplier nanoClock;
    private final Map<Object, Window> windows = new ConcurrentHashMap<>();

    FailureCounter(int limit, long windowNanos, int maxKeys, LongSupplier nanoClock) {
        this.limit = limit;
        this.windowNanos = windowNanos;
        this.maxKeys = maxKeys;
        this.nanoClock = nanoClock;
    }

    /** Nanoseconds until the key may try again; 0 when it is within its limit. */
    long waitNanos(Object key) {
        Window window = windows.get(key);
        if (window == null) {
            return 0;
        }
        long left = window.startNanos + windowNanos - nanoClock.getAsLong();
        if (left <= 0) {
            windows.remove(key, window);
            return 0;
        }
        return window.failures.get() >= limit ? left : 0;
    }

    /** True when the key has failed within its current window, over the limit or not. */
    boolean hasFailures(Object key) {
        Window window = windows.get(key);
        return window != null && nanoClock.getAsLong() - window.startNanos < windowNanos
                && window.failures.get() > 0;
    }

    void recordFailure(Object key) {
        long now = nanoClock.getAsLong();
        if (windows.size() >= maxKeys && !windows.containsKey(key)) {
            windows.values().removeIf(window -> now - window.startNanos >= windowNanos);
            if (windows.size() >= maxKeys) {
                return;
            }
        }
        Window window = windows.compute(key, (k, current) ->
                current == null || now - current.startNanos >= windowNanos ? new Window(now) : current);
        window.failures.incrementAndGet();
    }

    private static final class Window {
        final long startNanos;
        final AtomicInteger failures = new AtomicInteger();

        Window(long startNanos) {
            this.startNanos = startNanos;
        }
    }
}
