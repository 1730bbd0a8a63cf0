package com.contactcenter.reports.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contactcenter.reports.testing.ReceiverOverHttp;
import com.contactcenter.reports.testing.Samples;
import com.contactcenter.reports.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The webhook over real HTTP: the built WAR in Jetty, a fresh H2 database per test. */
class WebhookIT extends ReceiverOverHttp {
    private static final String CHANNEL = "202105102694809992";
    private static final String PASSWORD = "s3cret-webhook-pw";

    @BeforeEach
    void createChannel() {
        assertEquals(201, server.putChannel(CHANNEL, PASSWORD).statusCode());
    }

    private HttpResponse<String> post(String body) {
        return server.postReport(CHANNEL, PASSWORD, body);
    }

    private long reportRows() {
        return database.count("SELECT COUNT(*) FROM message_report");
    }

    private static void assertRefused(int status, String reason, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("{\"error\":\"" + reason + "\"}", response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }

    @Test
    void interfaceExampleIsCommittedAndAnsweredWithEmptyOk() {
        String body = Samples.body("interface-example");
        HttpResponse<String> response = post(body);

        assertEquals(200, response.statusCode());
        assertEquals("", response.body());
        Map<String, Object> row = database.rows("SELECT gs_id, status, destination, raw_report FROM message_report")
                .get(0);
        assertEquals("7d047a97-c5b8-4f13-82cb-f68068d1a33a", row.get("gs_id"));
        assertEquals("read", row.get("status"));
        assertEquals("8618******1", row.get("destination"));
        assertEquals(body, row.get("raw_report"));
    }

    @ParameterizedTest
    @CsvSource({
        "enqueued, 59f8db90-c37e-4408-90ab-cc54ef8246ad, enqueued",
        "failed-by-gupshup, ee4a68a0-1203-4c85-8dc3-49d0b3226a35, failed",
        "failed-by-whatsapp, 72f61f22-5aa4-4615-a970-943edf6da01c, failed",
        "sent, ee4a68a0-1203-4c85-8dc3-49d0b3226a35, sent",
        "delivered, ee4a68a0-1203-4c85-8dc3-49d0b3226a35, delivered",
        "read, ee4a68a0-1203-4c85-8dc3-49d0b3226a35, read",
        "deleted, ABEGkZhngpgo-sJRwQ6dszYhU, deleted",
    })
    void everyDocumentedReportSampleIsRecorded(String sample, String gsId, String status) {
        assertEquals(200, post(Samples.body(sample)).statusCode());
        assertEquals(List.of(Map.of("gs_id", gsId, "status", status)),
                database.rows("SELECT gs_id, status FROM message_report"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"user-event", "platform-event"})
    void otherEventKindIsAcknowledgedButNotRecorded(String sample) {
        HttpResponse<String> response = post(Samples.body(sample));
        assertEquals(200, response.statusCode());
        assertEquals("", response.body());
        assertEquals(0, reportRows());
    }

    @Test
    void redeliveredReportIsAcknowledgedAndStoredOnce() {
        assertEquals(200, post(Samples.body("delivered")).statusCode());
        assertEquals(200, post(Samples.body("delivered")).statusCode());
        assertEquals(1, reportRows());
    }

    @Test
    void statusShownNeverMovesBackwardsWhenReportsArriveOutOfOrder() {
        for (String sample : List.of("read", "delivered", "sent")) {
            assertEquals(200, post(Samples.body(sample)).statusCode());
        }
        Map<String, Object> status = database.rows("SELECT status, sent_at, delivered_at, read_at FROM message_status"
                + " WHERE gs_id = 'ee4a68a0-1203-4c85-8dc3-49d0b3226a35'").get(0);
        assertEquals("read", status.get("status"));
        // Each the event's own time, payload.payload.ts, in UTC.
        assertEquals(LocalDateTime.parse("2020-03-27T21:27:55"), TestDatabase.localDateTime(status.get("sent_at")));
        assertEquals(LocalDateTime.parse("2020-03-27T21:27:56"),
                TestDatabase.localDateTime(status.get("delivered_at")));
        assertEquals(LocalDateTime.parse("2020-03-27T21:30:02"), TestDatabase.localDateTime(status.get("read_at")));
    }

    @Test
    void malformedJsonIsBadRequestAndStoresNothing() {
        assertRefused(400, "body is not valid JSON", post("{\"timestamp\": 1743075951500, \"type\": "));
        assertEquals(0, reportRows());
    }

    @Test
    void invalidUtf8IsBadRequest() {
        byte[] latin1 = Samples.body("interface-example").replace("8618", "86ã8").getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.webhook(CHANNEL))
                .header("Content-Type", "application/json").header("Authorization", PASSWORD)
                .POST(HttpRequest.BodyPublishers.ofByteArray(latin1)).build());
        assertRefused(400, "body is not valid UTF-8", response);
        assertEquals(0, reportRows());
    }

    @Test
    void fieldOfWrongTypeIsBadRequestNamingIt() {
        assertRefused(400, "payload.destination must be a string",
                post(Samples.body("read").replace("\"918x98xx21x4\"", "{\"number\":918}")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"timestamp\":1585344602933,|timestamp is required",
        "\"type\":\"message-event\",|type is required and must be a string",
        "\"destination\":\"918x98xx21x4\",|payload.destination is required",
        "\"type\":\"read\",|payload.type is required",
    })
    void missingRequiredFieldIsBadRequestNamingIt(String removed, String reason) {
        assertRefused(400, reason, post(Samples.body("read").replace(removed, "")));
        assertEquals(0, reportRows());
    }

    @Test
    void reportWithoutAnyMessageKeyIsBadRequest() {
        assertRefused(400, "payload.gsId or payload.id is required", post(Samples.body("read")
                .replace("\"id\":\"gBEGkYaYVSEEAgnZxQ3JmKK6Wvg\",", "")
                .replace("\"gsId\":\"ee4a68a0-1203-4c85-8dc3-49d0b3226a35\",", "")));
    }

    @Test
    void valueOverItsColumnIsBadRequestAndStoresNothing() {
        assertRefused(400, "payload.destination is longer than 64 characters",
                post(Samples.body("read").replace("918x98xx21x4", "9".repeat(65))));
        assertEquals(0, reportRows());
    }

    @Test
    void missingAuthorizationIsUnauthorized() {
        HttpResponse<String> response = server.postReport(CHANNEL, null, Samples.body("read"));
        assertRefused(401, "missing or wrong Authorization for this channel", response);
        assertTrue(response.headers().firstValue("WWW-Authenticate").isPresent());
        assertEquals(0, reportRows());
    }

    @Test
    void wrongPasswordIsUnauthorized() {
        assertRefused(401, "missing or wrong Authorization for this channel",
                server.postReport(CHANNEL, PASSWORD + "-wrong", Samples.body("read")));
        assertEquals(0, reportRows());
    }

    @Test
    void unknownChannelLooksLikeWrongPassword() {
        HttpResponse<String> unknown = server.postReport("999999", PASSWORD, Samples.body("read"));
        HttpResponse<String> wrong = server.postReport(CHANNEL, "not-the-password", Samples.body("read"));
        assertEquals(wrong.statusCode(), unknown.statusCode());
        assertEquals(wrong.body(), unknown.body());
    }

    @Test
    void unsupportedIntegratorIsNotFound() {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(
                server.uri("/on/whatsapp/infobip/message/" + CHANNEL)).header("Content-Type", "application/json")
                .header("Authorization", PASSWORD).POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertRefused(404, "unsupported integrator; supported: [gupshup]", response);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/on/whatsapp/gupshup/report/202105102694809992", "/on/whatsapp/gupshup/message",
        "/on/whatsapp/gupshup/message/202105102694809992/extra", "/on/sms/gupshup/message/202105102694809992",
        "/on/whatsapp/gupshup/message/a;b=c"})
    void otherPathIsNotFound(String path) {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", "application/json").header("Authorization", PASSWORD)
                .POST(HttpRequest.BodyPublishers.ofString(Samples.body("read"))).build());
        assertEquals(404, response.statusCode());
        assertEquals(0, reportRows());
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH"})
    void otherMethodIsNotAllowedAndNamesPost(String method) {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.webhook(CHANNEL))
                .header("Authorization", PASSWORD)
                .method(method, HttpRequest.BodyPublishers.ofString(Samples.body("read"))).build());
        assertRefused(405, "method " + method + " is not allowed here", response);
        assertEquals(List.of("POST"), response.headers().allValues("Allow"));
        assertEquals(0, reportRows());
    }

    @Test
    void declaredBodyOverLimitIsTooLarge() {
        assertRefused(413, "body is larger than 65536 bytes",
                post(Samples.body("read").replace("}}}", "},\"padding\":\"" + "x".repeat(65536) + "\"}}")));
        assertEquals(0, reportRows());
    }

    @Test
    void chunkedBodyOverLimitIsTooLarge() {
        byte[] huge = ("{\"padding\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.webhook(CHANNEL))
                .header("Content-Type", "application/json").header("Authorization", PASSWORD)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))).build());
        assertRefused(413, "body is larger than 65536 bytes", response);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/xml"})
    void otherContentTypeIsUnsupported(String contentType) {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.webhook(CHANNEL))
                .header("Content-Type", contentType).header("Authorization", PASSWORD)
                .POST(HttpRequest.BodyPublishers.ofString(Samples.body("read"))).build());
        assertRefused(415, "Content-Type must be application/json", response);
        assertEquals(0, reportRows());
    }

    @Test
    void missingContentTypeIsUnsupported() {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.webhook(CHANNEL))
                .header("Authorization", PASSWORD)
                .POST(HttpRequest.BodyPublishers.ofString(Samples.body("read"))).build());
        assertRefused(415, "Content-Type must be application/json", response);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json; charset=UTF-8", "APPLICATION/JSON", "application/json;charset=utf-8"})
    void jsonContentTypeIsAcceptedInAnyCaseAndCharset(String contentType) {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.webhook(CHANNEL))
                .header("Content-Type", contentType).header("Authorization", PASSWORD)
                .POST(HttpRequest.BodyPublishers.ofString(Samples.body("read"))).build());
        assertEquals(200, response.statusCode());
    }

    @Test
    void databaseThatCannotCommitIsServiceUnavailableWithRetryAfter() {
        database.execute("SHUTDOWN");
        HttpResponse<String> response = post(Samples.body("read"));
        assertRefused(503, "the report could not be stored; retry later", response);
        assertEquals(List.of("5"), response.headers().allValues("Retry-After"));
    }

    @Test
    void errorBodiesNeverCarryAStackTraceOrInternals() {
        database.execute("SHUTDOWN");
        HttpResponse<String> response = post(Samples.body("read"));
        assertFalse(response.body().contains("Exception"), response.body());
        assertFalse(response.body().contains("org.h2"), response.body());
        assertFalse(response.body().contains("at com."), response.body());
    }
}
