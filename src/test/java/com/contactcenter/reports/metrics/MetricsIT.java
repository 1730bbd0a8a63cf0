package com.contactcenter.reports.metrics;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contactcenter.reports.testing.ReceiverServer;
import com.contactcenter.reports.testing.Samples;
import com.contactcenter.reports.testing.TestDatabase;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code /metrics} over real HTTP: what a scripted scenario leaves in it, and who may read it. */
class MetricsIT {
    private static final String CHANNEL = "202105102694809992";
    private static final String PASSWORD = "s3cret-webhook-pw";
    private static final String UNKNOWN_CHANNEL = "999999";
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** Each sample of a text-format scrape, keyed by {@link #key}; labels in any order. */
    private static Map<String, Double> samples(String exposition) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String series = line.substring(0, space);
            int brace = series.indexOf('{');
            Map<String, String> labels = new TreeMap<>();
            if (brace >= 0) {
                Matcher label = LABEL.matcher(series.substring(brace));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
                series = series.substring(0, brace);
            }
            samples.put(series + labels, Double.parseDouble(line.substring(space + 1)));
        }
        return samples;
    }

    private static String key(String name, String... labelsAndValues) {
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < labelsAndValues.length; i += 2) {
            labels.put(labelsAndValues[i], labelsAndValues[i + 1]);
        }
        return name + labels;
    }

    private static String accepted(String status, String outcome) {
        return key("whatsapp_receiver_reports_accepted_total", "bsp", "gupshup", "channel", CHANNEL,
                "status", status, "outcome", outcome);
    }

    private static String rejections(String reason) {
        return key("whatsapp_receiver_webhook_rejections_total", "reason", reason);
    }

    private static HttpResponse<String> scrape(ReceiverServer server, HttpRequest.Builder request) {
        return server.send(request.uri(server.uri("/metrics")).GET().build());
    }

    private static HttpRequest.Builder withContentType(ReceiverServer server, String contentType) {
        return HttpRequest.newBuilder(server.webhook(CHANNEL)).header("Content-Type", contentType)
                .header("Authorization", PASSWORD);
    }

    @Test
    void scrapeCountsExactlyWhatWasSent() throws Exception {
        // Two failed authentications from one address are allowed, the third attempt is refused with 429.
        try (TestDatabase database = TestDatabase.h2(); ReceiverServer server = ReceiverServer.start(
                database.dataSource(), ReceiverServer.settings("reports.auth-failure-limit", "2"))) {
            assertEquals(201, server.putChannel(CHANNEL, PASSWORD).statusCode());
            String read = Samples.body("read");
            for (String body : new String[] {read, Samples.body("delivered"), read,
                read.replace("\"type\":\"read\"", "\"type\":\"a-status-of-2030\""), Samples.body("user-event")}) {
                assertEquals(200, server.postReport(CHANNEL, PASSWORD, body).statusCode());
            }
            assertEquals(401, server.postReport(CHANNEL, "not-the-password", read).statusCode());
            assertEquals(401, server.postReport(UNKNOWN_CHANNEL, PASSWORD, read).statusCode());
            assertEquals(429, server.postReport(CHANNEL, "not-the-password-either", read).statusCode());
            assertEquals(413, server.postReport(CHANNEL, PASSWORD, read.replace("}}}",
                    "},\"padding\":\"" + "x".repeat(65_536) + "\"}}")).statusCode());
            assertEquals(400, server.postReport(CHANNEL, PASSWORD, "{\"timestamp\": ").statusCode());
            assertEquals(415, server.send(withContentType(server, "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString(read)).build()).statusCode());
            assertEquals(405, server.send(withContentType(server, "application/json").GET().build()).statusCode());

            HttpResponse<String> response = scrape(server, HttpRequest.newBuilder());
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            Map<String, Double> samples = samples(response.body());
            assertAll(
                () -> assertEquals(1.0, samples.get(accepted("read", "stored"))),
                () -> assertEquals(1.0, samples.get(accepted("read", "duplicate"))),
                () -> assertEquals(1.0, samples.get(accepted("delivered", "stored"))),
                () -> assertEquals(1.0, samples.get(accepted("other", "stored"))),
                () -> assertEquals(null, samples.get(accepted("read", "uncounted"))),
                () -> assertEquals(1.0, samples.get(key("whatsapp_receiver_non_report_events_total",
                        "bsp", "gupshup", "channel", CHANNEL))),
                () -> assertEquals(2.0, samples.get(rejections("unauthorized"))),
                () -> assertEquals(1.0, samples.get(rejections("bad_request"))),
                () -> assertEquals(1.0, samples.get(rejections("unsupported_media_type"))),
                () -> assertEquals(1.0, samples.get(rejections("method_not_allowed"))),
                () -> assertEquals(1.0, samples.get(rejections("payload_too_large"))),
                () -> assertEquals(1.0, samples.get(rejections("too_many_requests"))),
                () -> assertEquals(0.0, samples.get(rejections("service_unavailable"))),
                // The refused third attempt was never checked: not an authentication failure.
                () -> assertEquals(2.0, samples.get(key("whatsapp_receiver_authentication_failures_total"))),
                // Each request waited for its commit before the next was sent: four batches of one report.
                () -> assertEquals(4.0, samples.get(key("whatsapp_receiver_batch_size_count"))),
                () -> assertEquals(4.0, samples.get(key("whatsapp_receiver_batch_size_sum"))),
                () -> assertEquals(4.0, samples.get(key("whatsapp_receiver_batch_size_bucket", "le", "1.0"))),
                () -> assertEquals(4.0, samples.get(key("whatsapp_receiver_commit_seconds_count"))),
                () -> assertEquals(0.0, samples.get(key("whatsapp_receiver_failed_batches_total"))),
                () -> assertEquals(0.0, samples.get(key("whatsapp_receiver_queue_depth"))),
                () -> assertEquals(10_000.0, samples.get(key("whatsapp_receiver_queue_capacity"))),
                // As a label value, not as digits anywhere: a sample's value may well contain "999999".
                () -> assertFalse(response.body().contains("channel=\"" + UNKNOWN_CHANNEL + "\""),
                        "an unauthenticated channel is no label"),
                () -> assertFalse(response.body().contains("ee4a68a0"), "a message id is no label"));
        }
    }

    @Test
    void failedCommitIsCountedAsServiceUnavailable() throws Exception {
        try (TestDatabase database = TestDatabase.h2(); ReceiverServer server = ReceiverServer.start(
                database.dataSource())) {
            assertEquals(201, server.putChannel(CHANNEL, PASSWORD).statusCode());
            database.execute("DROP VIEW message_status");
            database.execute("DROP TABLE message_report");
            assertEquals(503, server.postReport(CHANNEL, PASSWORD, Samples.body("read")).statusCode());

            Map<String, Double> samples = samples(scrape(server, HttpRequest.newBuilder()).body());
            assertEquals(1.0, samples.get(rejections("service_unavailable")));
            assertEquals(1.0, samples.get(key("whatsapp_receiver_failed_batches_total")));
            assertEquals(0.0, samples.get(key("whatsapp_receiver_commit_seconds_count")));
        }
    }

    @Test
    void metricsAreOpenWhenNoRoleIsSet() throws Exception {
        try (TestDatabase database = TestDatabase.h2(); ReceiverServer server = ReceiverServer.start(
                database.dataSource())) {
            assertEquals(200, scrape(server, HttpRequest.newBuilder()).statusCode());
        }
    }

    @Test
    void metricsRoleAsksForCredentials() throws Exception {
        try (TestDatabase database = TestDatabase.h2(); ReceiverServer server = ReceiverServer.start(
                database.dataSource(), ReceiverServer.settings("reports.metrics-role", "operator"))) {
            HttpResponse<String> response = scrape(server, HttpRequest.newBuilder());
            assertEquals(401, response.statusCode(), response.headers() + response.body());
            assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"),
                    response.headers().toString());
            assertFalse(response.body().contains("whatsapp_receiver"), response.body());
        }
    }

    @Test
    void metricsRoleRefusesUsersWithoutIt() throws Exception {
        try (TestDatabase database = TestDatabase.h2(); ReceiverServer server = ReceiverServer.start(
                database.dataSource(), ReceiverServer.settings("reports.metrics-role", "operator"))) {
            HttpResponse<String> response = scrape(server, ReceiverServer.asAdmin(HttpRequest.newBuilder()));
            assertEquals(403, response.statusCode());
            assertEquals("{\"error\":\"this user may not read the metrics\"}", response.body());
        }
    }

    @Test
    void metricsRoleAdmitsUsersWithIt() throws Exception {
        try (TestDatabase database = TestDatabase.h2(); ReceiverServer server = ReceiverServer.start(
                database.dataSource(), ReceiverServer.settings("reports.metrics-role", "operator"))) {
            HttpResponse<String> response = scrape(server, ReceiverServer.withBasic(HttpRequest.newBuilder(),
                    ReceiverServer.NOT_ADMIN, ReceiverServer.NOT_ADMIN_PASSWORD));
            assertEquals(200, response.statusCode());
            assertTrue(response.body().contains("whatsapp_receiver_queue_depth"), response.body());
        }
    }
}
