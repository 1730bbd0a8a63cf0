package com.contactcenter.reports.faults;

import com.contactcenter.reports.testing.ReportLoad;
import com.contactcenter.reports.testing.ReportLoad.Report;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The load of the container matrix's crash cell ({@code tomcat11-postgresql-kill9} in src/containers/run-matrix.sh):
 * sixteen clients post reports to a running server for at least 10 s and until 5,000 are acknowledged, then the
 * server's JVM is killed with SIGKILL in the middle of their requests. Writes the keys ({@code gs_id|status}) of
 * the reports answered 200 to FOLDER/acknowledged, and those of every other report sent to FOLDER/unanswered, for
 * the cell to compare with message_report after the restart. Needs only the JDK: the cell compiles it with javac.
 *
 * <pre>java -cp CLASSES com.contactcenter.reports.faults.KillUnderLoad WEBHOOK_URL PASSWORD SERVER_PID FOLDER</pre>
 */
public final class KillUnderLoad {
    private static final int CLIENTS = 16;
    private static final Duration LOAD_AT_LEAST = Duration.ofSeconds(10);
    private static final int ACKNOWLEDGED_AT_LEAST = 5_000;
    private static final Duration LOAD_AT_MOST = Duration.ofSeconds(120);

    private KillUnderLoad() {
    }

    public static void main(String[] arguments) throws Exception {
        if (arguments.length != 4) {
            throw new IllegalArgumentException("usage: KillUnderLoad WEBHOOK_URL PASSWORD SERVER_PID FOLDER");
        }
        URI webhook = URI.create(arguments[0]);
        ProcessHandle server = ProcessHandle.of(Long.parseLong(arguments[2]))
                .orElseThrow(() -> new IllegalStateException("no server process " + arguments[2]));
        Path folder = Path.of(arguments[3]);

        long started = System.nanoTime();
        try (ReportLoad load = ReportLoad.start(List.of(webhook), arguments[1], CLIENTS, 1_000_000)) {
            Duration loaded;
            while ((loaded = Duration.ofNanos(System.nanoTime() - started)).compareTo(LOAD_AT_LEAST) < 0
                    || load.acknowledged().size() < ACKNOWLEDGED_AT_LEAST) {
                if (!server.isAlive() || loaded.compareTo(LOAD_AT_MOST) > 0) {
                    throw new IllegalStateException(load.acknowledged().size() + " reports acknowledged in "
                            + loaded.toSeconds() + " s, not " + ACKNOWLEDGED_AT_LEAST
                            + (server.isAlive() ? "" : ": the server stopped by itself"));
                }
                Thread.sleep(20);
            }
            server.destroyForcibly(); // SIGKILL: no shutdown hook, no last commit
            load.stop(); // at once: the requests in flight are cut off, and no new one hits a closed port
            server.onExit().get(30, TimeUnit.SECONDS);

            if (!load.unexpectedStatuses().isEmpty()) {
                throw new IllegalStateException("answers other than 200 and 503 before the kill: "
                        + load.unexpectedStatuses());
            }
            Set<String> acknowledged = keys(load.acknowledged());
            Set<String> unanswered = keys(load.refused());
            unanswered.removeAll(acknowledged);
            Files.write(folder.resolve("acknowledged"), acknowledged);
            Files.write(folder.resolve("unanswered"), unanswered);
            System.out.printf("%d clients posted for %.1f s: %d reports acknowledged, then SIGKILL of pid %d;"
                    + " %d reports cut off without a 200%n", CLIENTS, loaded.toMillis() / 1000.0, acknowledged.size(),
                    server.pid(), unanswered.size());
        }
    }

    private static Set<String> keys(Set<Report> reports) {
        return reports.stream().map(report -> report.gsId() + "|" + report.status())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
