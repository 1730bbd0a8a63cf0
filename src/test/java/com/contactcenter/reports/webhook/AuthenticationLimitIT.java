package com.contactcenter.reports.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.contactcenter.reports.testing.ReceiverServer;
import com.contactcenter.reports.testing.Samples;
import com.contactcenter.reports.testing.TestDatabase;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Failed authentications are limited per client address and per channel, over real HTTP. */
class AuthenticationLimitIT {
    private static final String CHANNEL = "202105102694809992";
    private static final String UNKNOWN_CHANNEL = "999";
    private static final String PASSWORD = "s3cret-webhook-pw";

    private static HttpResponse<String> post(ReceiverServer server, String channel, String password,
            String forwardedFor) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.webhook(channel))
                .header("Content-Type", "application/json").header("Authorization", password)
                .POST(HttpRequest.BodyPublishers.ofString(Samples.body("read")));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return server.send(request.build());
    }

    private static Map<String, String> limit(String... more) {
        Map<String, String> settings = ReceiverServer.settings(more);
        settings.put("reports.auth-failure-limit", "3");
        return settings;
    }

    @Test
    void wrongPasswordsPastTheLimitAreTooManyWithRetryAfter() throws Exception {
        try (TestDatabase database = TestDatabase.h2();
                ReceiverServer server = ReceiverServer.start(database.dataSource(), limit())) {
            server.putChannel(CHANNEL, PASSWORD);
            for (int i = 0; i < 3; i++) {
                assertEquals(401, post(server, CHANNEL, "wrong-" + i, null).statusCode());
            }
            HttpResponse<String> limited = post(server, CHANNEL, "wrong-3", null);
            assertEquals(429, limited.statusCode());
            assertEquals("{\"error\":\"too many failed authentications; retry later\"}", limited.body());
            assertEquals(List.of("60"), limited.headers().allValues("Retry-After"));
        }
    }

    @Test
    void channelPasswordIsStillAcceptedFromALimitedClient() throws Exception {
        try (TestDatabase database = TestDatabase.h2();
                ReceiverServer server = ReceiverServer.start(database.dataSource(), limit())) {
            server.putChannel(CHANNEL, PASSWORD);
            for (int i = 0; i < 4; i++) {
                post(server, CHANNEL, "wrong-" + i, null);
            }
            assertEquals(200, post(server, CHANNEL, PASSWORD, null).statusCode());
            assertEquals(1, database.count("SELECT COUNT(*) FROM message_report"));
        }
    }

    @Test
    void forwardedForIsIgnoredWhenThePeerIsNoTrustedProxy() throws Exception {
        try (TestDatabase database = TestDatabase.h2();
                ReceiverServer server = ReceiverServer.start(database.dataSource(), limit())) {
            for (int i = 0; i < 3; i++) {
                post(server, UNKNOWN_CHANNEL, "wrong", "203.0.113." + i);
            }
            assertEquals(429, post(server, UNKNOWN_CHANNEL, "wrong", "203.0.113.200").statusCode());
        }
    }

    @Test
    void forwardedForFromATrustedProxyNamesTheClient() throws Exception {
        try (TestDatabase database = TestDatabase.h2(); ReceiverServer server = ReceiverServer.start(
                database.dataSource(), limit("reports.trusted-proxies", "127.0.0.1/32"))) {
            for (int i = 0; i < 3; i++) {
                post(server, UNKNOWN_CHANNEL, "wrong", "203.0.113.1");
            }
            assertEquals(429, post(server, UNKNOWN_CHANNEL, "wrong", "203.0.113.1").statusCode());
            assertEquals(401, post(server, UNKNOWN_CHANNEL, "wrong", "203.0.113.2").statusCode());
            // An address the client wrote before the trusted hop is not believed: it is the client's own claim.
            assertEquals(429, post(server, UNKNOWN_CHANNEL, "wrong", "198.51.100.7, 203.0.113.1").statusCode());
        }
    }

    @Test
    void channelPasswordPassesAfterARestartWhileWrongOnesFloodItsChannel() throws Exception {
        try (TestDatabase database = TestDatabase.h2()) {
            Map<String, String> settings = limit("reports.trusted-proxies", "127.0.0.1/32");
            try (ReceiverServer before = ReceiverServer.start(database.dataSource(), settings)) {
                before.putChannel(CHANNEL, PASSWORD);
            }
            // A new instance has not yet seen the password; the flood comes from many addresses, one guess each.
            try (ReceiverServer restarted = ReceiverServer.start(database.dataSource(), settings)) {
                for (int i = 0; i < 3; i++) {
                    assertEquals(401, post(restarted, CHANNEL, "wrong-" + i, "203.0.113." + i).statusCode());
                }
                assertEquals(429, post(restarted, CHANNEL, "wrong-3", "203.0.113.0").statusCode());
                assertEquals(200, post(restarted, CHANNEL, PASSWORD, "198.51.100.9").statusCode());
                assertEquals(1, database.count("SELECT COUNT(*) FROM message_report"));
            }
        }
    }
}
