package com.contactcenter.reports.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time the whole machine has spent busy (every process, the kernel included), from Linux's /proc/stat:
 * measured around a run, it tells what one row or request costs in CPU, whichever process spends it.
 */
final class MachineCpu {
    /** /proc/stat counts in USER_HZ, which Linux fixes at 100 per second for user space on every architecture. */
    private static final long MICROS_PER_TICK = 10_000;

    private MachineCpu() {
    }

    /** Busy CPU time of all cores since boot, in microseconds; 0 where /proc/stat is missing (not Linux). */
    static long busyMicros() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...: busy is all but idle and iowait.
            long busy = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(fields[i]);
                }
            }
            return busy * MICROS_PER_TICK;
        } catch (IOException | RuntimeException noProcStat) {
            return 0;
        }
    }
}
