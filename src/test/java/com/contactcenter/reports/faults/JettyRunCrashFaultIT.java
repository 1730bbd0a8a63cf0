package com.contactcenter.reports.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contactcenter.reports.testing.ReportLoad;
import com.contactcenter.reports.testing.ReportLoad.Report;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The embedded default ({@code mvn jetty:run}, H2 under ./data, exactly as the README starts it) killed with
 * SIGKILL under load: after a restart, every report that was answered 200 is in message_report. This is what
 * WRITE_DELAY=0 in the default JDBC URL is for: H2 otherwise writes a commit up to 500 ms after acknowledging it.
 */
class JettyRunCrashFaultIT {
    private static final String ADMIN_PASSWORD = "crash-admin-password";
    private static final String PASSWORD = "crash-webhook-password";
    private static final String CHANNEL = "202105102694809992";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void everyAcknowledgedReportSurvivesKillNine() throws Exception {
        Path work = Files.createTempDirectory("reports-crash-");
        int port = freePort();
        URI webhook = URI.create("http://127.0.0.1:" + port + "/social/on/whatsapp/gupshup/message/" + CHANNEL);

        Process server = jettyRun(work, port, "first");
        awaitUp(port, server, work.resolve("first.log"));
        assertEquals(201, putChannel(port));
        ReportLoad load = ReportLoad.start(List.of(webhook), PASSWORD, 8, 1_000_000);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (load.acknowledged().size() < 2_000 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        server.destroyForcibly(); // SIGKILL: no shutdown hook, no final write
        server.waitFor();
        load.stop();
        Set<String> acknowledged = load.acknowledged().stream().map(Report::key).collect(Collectors.toSet());
        assertTrue(acknowledged.size() >= 2_000, acknowledged.size() + " acknowledged before the kill");

        Process restarted = jettyRun(work, port, "second");
        awaitUp(port, restarted, work.resolve("second.log"));
        assertEquals(200, load.send(webhook, PASSWORD, ReportLoad.report(UUID.randomUUID().toString(), "sent")),
                "the restarted receiver takes reports again");
        restarted.destroy();
        restarted.waitFor();

        Set<String> stored = new HashSet<>();
        try (Connection connection = DriverManager.getConnection(
                "jdbc:h2:file:" + work.resolve("data/reports") + ";WRITE_DELAY=0", "sa", "");
                Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("SELECT gs_id, status FROM message_report")) {
            while (rows.next()) {
                stored.add(rows.getString(1) + "/" + rows.getString(2));
            }
        }
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(stored);
        assertEquals(Set.of(), lost, "acknowledged but not stored");
        System.out.printf("FAULT jetty-run-kill-9: %d reports acknowledged before SIGKILL, all %d found after the"
                + " restart (%d rows in all)%n", acknowledged.size(), acknowledged.size() - lost.size(),
                stored.size());
    }

    /** {@code mvn jetty:run} of this project, in its own working folder, so that ./data is the test's. */
    private static Process jettyRun(Path work, int port, String name) throws IOException {
        Path pom = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "pom.xml");
        ProcessBuilder builder = new ProcessBuilder("mvn", "-B", "-q", "-f", pom.toString(), "jetty:run",
                "-Djetty.http.port=" + port).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile());
        builder.environment().put("REPORTS_ADMIN_PASSWORD", ADMIN_PASSWORD);
        return builder.start();
    }

    private static void awaitUp(int port, Process server, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline && server.isAlive()) {
            try {
                CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/social/")).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("mvn jetty:run did not start:\n" + Files.readString(log));
    }

    private static int putChannel(int port) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/social/admin/channels/gupshup/" + CHANNEL))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"webhookPassword\":\"" + PASSWORD + "\"}")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
