package com.contactcenter.reports.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contactcenter.reports.testing.ReceiverOverHttp;
import com.contactcenter.reports.testing.ReceiverServer;
import com.contactcenter.reports.testing.Samples;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The channel administration API over real HTTP, with Jetty's own user store. */
class ChannelAdminIT extends ReceiverOverHttp {
    private static final String CHANNEL = "202105102694809992";

    private HttpResponse<String> list(HttpRequest.Builder request) {
        return server.send(request.GET().build());
    }

    private HttpRequest.Builder channels() {
        return HttpRequest.newBuilder(server.uri("/admin/channels"));
    }

    private HttpRequest.Builder channel(String id) {
        return HttpRequest.newBuilder(server.uri("/admin/channels/gupshup/" + id));
    }

    @Test
    void newChannelIsCreatedAndItsPasswordWorks() {
        HttpResponse<String> created = server.putChannel(CHANNEL, "first-password");
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(created.headers().firstValue("Location").orElse("").endsWith("/admin/channels/gupshup/" + CHANNEL));
        assertTrue(created.body().contains("\"channelId\":\"" + CHANNEL + "\""), created.body());
        assertEquals(200, server.postReport(CHANNEL, "first-password", Samples.body("read")).statusCode());
    }

    @Test
    void secondPutRotatesPasswordAndOldOneStopsWorking() {
        server.putChannel(CHANNEL, "first-password");
        assertEquals(200, server.putChannel(CHANNEL, "second-password").statusCode());
        assertEquals(401, server.postReport(CHANNEL, "first-password", Samples.body("read")).statusCode());
        assertEquals(200, server.postReport(CHANNEL, "second-password", Samples.body("read")).statusCode());
    }

    @Test
    void rotationWithGraceKeepsThePreviousPasswordWorking() {
        server.putChannel(CHANNEL, "first-password");
        HttpResponse<String> rotated = server.send(ReceiverServer.asAdmin(channel(CHANNEL))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"webhookPassword\":\"second-password\",\"previousPasswordGraceSeconds\":600}")).build());
        assertEquals(200, rotated.statusCode(), rotated.body());
        assertEquals(200, server.postReport(CHANNEL, "first-password", Samples.body("delivered")).statusCode());
        assertEquals(200, server.postReport(CHANNEL, "second-password", Samples.body("read")).statusCode());
        assertEquals(401, server.postReport(CHANNEL, "third-password", Samples.body("sent")).statusCode());
    }

    @Test
    void graceLongerThanAWeekIsRefused() {
        HttpResponse<String> response = server.send(ReceiverServer.asAdmin(channel(CHANNEL))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"webhookPassword\":\"second-password\",\"previousPasswordGraceSeconds\":604801}"))
                .build());
        assertEquals(400, response.statusCode());
        assertEquals("{\"error\":\"previousPasswordGraceSeconds must be from 0 to 604800\"}", response.body());
    }

    @Test
    void passwordUnderEightCharactersIsRefused() {
        HttpResponse<String> response = server.putChannel(CHANNEL, "1234567");
        assertEquals(400, response.statusCode());
        assertEquals("{\"error\":\"webhookPassword must be 8 to 256 characters\"}", response.body());
        assertEquals(0, database.count("SELECT COUNT(*) FROM whatsapp_channel"));
    }

    @Test
    void malformedBodyIsRefused() {
        HttpResponse<String> response = server.send(ReceiverServer.asAdmin(channel(CHANNEL))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"webhookPassword\": [1]}")).build());
        assertEquals(400, response.statusCode());
    }

    @Test
    void invalidChannelIdIsRefused() {
        assertEquals(400, server.putChannel("has%20space", "first-password").statusCode());
    }

    @Test
    void listShowsChannelsButNeverAPasswordOrHash() {
        server.putChannel(CHANNEL, "first-password");
        HttpResponse<String> response = list(ReceiverServer.asAdmin(channels()));
        assertEquals(200, response.statusCode());
        assertTrue(response.body().startsWith("[{\"bsp\":\"gupshup\",\"channelId\":\"" + CHANNEL + "\""),
                response.body());
        assertFalse(response.body().contains("first-password"));
        assertFalse(response.body().contains("pbkdf2"));
        assertFalse(response.body().toLowerCase(java.util.Locale.ROOT).contains("password"));
    }

    @Test
    void storedPasswordIsOnlyASaltedHash() {
        server.putChannel(CHANNEL, "first-password");
        String stored = (String) database.rows("SELECT password_hash FROM whatsapp_channel").get(0)
                .get("password_hash");
        assertTrue(stored.startsWith("pbkdf2-sha256$600000$"), stored);
        assertFalse(stored.contains("first-password"));
    }

    @Test
    void deletedChannelIsGoneAndItsPasswordStopsWorking() {
        server.putChannel(CHANNEL, "first-password");
        server.postReport(CHANNEL, "first-password", Samples.body("read"));
        assertEquals(204, server.send(ReceiverServer.asAdmin(channel(CHANNEL)).DELETE().build()).statusCode());
        assertEquals(401, server.postReport(CHANNEL, "first-password", Samples.body("delivered")).statusCode());
        assertEquals("[]", list(ReceiverServer.asAdmin(channels())).body());
        assertEquals(1, database.count("SELECT COUNT(*) FROM message_report"), "reports stay");
    }

    @Test
    void deletingChannelWithItsReportsLeavesOtherChannelsReports() {
        server.putChannel(CHANNEL, "first-password");
        server.putChannel("other", "other-password");
        server.postReport(CHANNEL, "first-password", Samples.body("read"));
        server.postReport(CHANNEL, "first-password", Samples.body("delivered"));
        server.postReport("other", "other-password", Samples.body("read"));
        HttpRequest delete = ReceiverServer.asAdmin(HttpRequest.newBuilder(server.uri("/admin/channels/gupshup/"
                + CHANNEL + "?reports=delete"))).DELETE().build();
        assertEquals(204, server.send(delete).statusCode());
        assertEquals(List.of(Map.of("channel_id", "other")), database.rows(
                "SELECT channel_id FROM message_report"));
        assertEquals(404, server.send(delete).statusCode(), "nothing left to delete");
    }

    @Test
    void unknownReportsOptionIsRefusedAndNothingIsDeleted() {
        server.putChannel(CHANNEL, "first-password");
        HttpResponse<String> response = server.send(ReceiverServer.asAdmin(HttpRequest.newBuilder(server.uri(
                "/admin/channels/gupshup/" + CHANNEL + "?reports=drop"))).DELETE().build());
        assertEquals(400, response.statusCode());
        assertEquals("{\"error\":\"reports must be keep or delete\"}", response.body());
        assertEquals(1, database.count("SELECT COUNT(*) FROM whatsapp_channel"));
    }

    @Test
    void deletingUnknownChannelIsNotFound() {
        assertEquals(404, server.send(ReceiverServer.asAdmin(channel("404")).DELETE().build()).statusCode());
    }

    @Test
    void requestWithoutCredentialsIsChallenged() {
        HttpResponse<String> response = list(channels());
        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
    }

    @Test
    void wrongAdminPasswordIsUnauthorized() {
        assertEquals(401, list(ReceiverServer.withBasic(channels(), ReceiverServer.ADMIN, "wrong")).statusCode());
    }

    @Test
    void userWithoutTheRoleIsForbidden() {
        assertEquals(403, list(ReceiverServer.withBasic(channels(), ReceiverServer.NOT_ADMIN,
                ReceiverServer.NOT_ADMIN_PASSWORD)).statusCode());
    }

    @Test
    void webhookPasswordCannotUnlockTheAdminApi() {
        server.putChannel(CHANNEL, "first-password");
        assertEquals(401, list(channels().header("Authorization", "first-password")).statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE"})
    void answersAreNeverCached(String method) {
        server.putChannel(CHANNEL, "first-password");
        HttpRequest.Builder request = ReceiverServer.asAdmin("GET".equals(method) ? channels() : channel(CHANNEL))
                .header("Content-Type", "application/json");
        HttpResponse<String> response = server.send(request.method(method,
                HttpRequest.BodyPublishers.ofString("{\"webhookPassword\":\"third-password\"}")).build());
        assertTrue(response.statusCode() < 300, response.statusCode() + " " + response.body());
        assertEquals(List.of("no-store"), response.headers().allValues("Cache-Control"));
    }
}
