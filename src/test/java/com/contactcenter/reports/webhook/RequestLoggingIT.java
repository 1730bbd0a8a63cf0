package com.contactcenter.reports.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contactcenter.reports.testing.ReceiverServer;
import com.contactcenter.reports.testing.Samples;
import com.contactcenter.reports.testing.TestDatabase;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the receiver logs, as the container's logging sees it. With no other System.LoggerFinder on the class path,
 * System.Logger writes to java.util.logging, which Jetty shares with the test: a handler on the root logger reads
 * every line, formatted as a log file would hold it, stack traces included.
 */
class RequestLoggingIT {
    private static final String CHANNEL = "202105102694809992";
    private static final String PASSWORD = "s3cret-webhook-pw";
    private static final String WRONG_PASSWORD = "wrong-webhook-pw-4711";
    private static final String DESTINATION = "919876543210";
    private static final String WEBHOOK_PATH = "/social/on/whatsapp/gupshup/message/" + CHANNEL;

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            lines.add(formatter.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    // Held here: java.util.logging keeps loggers weakly, and a collected logger would forget its level.
    private final Logger receiverLogger = Logger.getLogger("com.contactcenter.reports");
    private final Logger rootLogger = Logger.getLogger("");
    private Level previousLevel;
    private TestDatabase database;
    private ReceiverServer server;

    @BeforeEach
    void captureLogsOfReceiverWithChannel() throws Exception {
        previousLevel = receiverLogger.getLevel();
        // DEBUG too, so that lines written only when an operator asks for them are checked as well.
        receiverLogger.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        rootLogger.addHandler(capture);
        database = TestDatabase.h2();
        server = ReceiverServer.start(database.dataSource());
        assertEquals(201, server.putChannel(CHANNEL, PASSWORD).statusCode());
    }

    @AfterEach
    void stop() {
        server.close();
        database.close();
        rootLogger.removeHandler(capture);
        receiverLogger.setLevel(previousLevel);
    }

    private String log() {
        return String.join("", lines);
    }

    private List<String> linesContaining(String text) {
        return lines.stream().filter(line -> line.contains(text)).collect(Collectors.toList());
    }

    @Test
    void eachRefusedRequestIsLoggedOnceWithReasonAndClientAddress() {
        assertEquals(401, server.postReport(CHANNEL, WRONG_PASSWORD, Samples.body("read")).statusCode());
        assertEquals(400, server.postReport(CHANNEL, PASSWORD, "{\"timestamp\": ").statusCode());
        assertEquals(415, server.send(HttpRequest.newBuilder(server.webhook(CHANNEL))
                .header("Content-Type", "text/plain").header("Authorization", PASSWORD)
                .POST(HttpRequest.BodyPublishers.ofString(Samples.body("read"))).build()).statusCode());

        assertEquals(3, linesContaining("Refused").size(), log());
        for (String reason : List.of("missing or wrong Authorization for this channel", "body is not valid JSON",
                "Content-Type must be application/json")) {
            assertEquals(1, linesContaining("Refused POST " + WEBHOOK_PATH + " from 127.0.0.1: " + reason).size(),
                    log());
        }
    }

    @Test
    void floodOfWrongPasswordsIsLoggedInBoundedLinesWithTheRestCounted() throws InterruptedException {
        int requests = 300;
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            int status = server.postReport(CHANNEL, WRONG_PASSWORD + i, Samples.body("read")).statusCode();
            assertTrue(status == 401 || status == 429, "status " + status);
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L + 1;
        int logged = linesContaining("Refused POST").size();
        // At most 20 lines in each second that the flood lasted; the rest only counted.
        assertTrue(logged >= 20 && logged <= 20 * seconds && logged < requests, logged + " lines in " + seconds + " s");

        Thread.sleep(1_000);
        server.postReport(CHANNEL, WRONG_PASSWORD, Samples.body("read"));
        long counted = linesContaining(" refused requests were not logged: more than 20 a second").stream()
                .map(line -> line.replaceAll("(?s).*?(\\d+) refused requests were not.*", "$1"))
                .mapToLong(Long::parseLong).sum();
        assertEquals(requests + 1, linesContaining("Refused POST").size() + counted, log());
    }

    @Test
    void logNeverShowsPasswordsOrAFullDestination() {
        String report = Samples.body("read").replace("918x98xx21x4", DESTINATION);
        assertEquals(200, server.postReport(CHANNEL, PASSWORD, report).statusCode());
        assertEquals(401, server.postReport(CHANNEL, WRONG_PASSWORD, report).statusCode());
        assertEquals(401, server.send(ReceiverServer.withBasic(HttpRequest.newBuilder(
                server.uri("/admin/channels")), ReceiverServer.ADMIN, WRONG_PASSWORD).GET().build()).statusCode());
        database.execute("SHUTDOWN");
        assertEquals(503, server.postReport(CHANNEL, PASSWORD, report.replace("\"read\"", "\"sent\""))
                .statusCode());

        String log = log();
        // The scenario did log: the recorded report (masked), the refusal and the failed commit with its cause.
        assertEquals(1, linesContaining("9198******10").size(), log);
        assertEquals(1, linesContaining("Refused POST").size(), log);
        assertEquals(1, linesContaining("Answered 503 to POST " + WEBHOOK_PATH + " from 127.0.0.1").size(), log);
        for (String secret : List.of(PASSWORD, WRONG_PASSWORD, ReceiverServer.ADMIN_PASSWORD, DESTINATION)) {
            assertFalse(log.contains(secret), secret + " was logged:\n" + log);
        }
        assertTrue(log.contains("Exception"), "the 503's cause is logged, with its stack trace:\n" + log);
    }
}
