package com.contactcenter.reports.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.contactcenter.reports.testing.ReceiverOverHttp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The health endpoints over real HTTP, without credentials: the built WAR in Jetty, a fresh H2 database per test. */
class HealthIT extends ReceiverOverHttp {

    private HttpResponse<String> get(String path) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).GET().build());
    }

    private static void assertJson(int status, String body, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(body, response.body());
        assertEquals("application/json;charset=utf-8",
                response.headers().firstValue("Content-Type").orElse("").replace(" ", "").toLowerCase());
        assertEquals(List.of("no-store"), response.headers().allValues("Cache-Control"));
    }

    @Test
    void liveIsUpWithoutAuthentication() {
        assertJson(200, "{\"status\":\"UP\"}", get("/health/live"));
    }

    @Test
    void readyIsUpWhenTheDatabaseAnswers() {
        assertJson(200, "{\"status\":\"UP\",\"checks\":{\"database\":\"UP\",\"writer\":\"UP\"}}", get("/health/ready"));
    }

    @Test
    void readyIsServiceUnavailableWhenTheDatabaseIsDown() {
        database.execute("SHUTDOWN");
        assertJson(503, "{\"status\":\"DOWN\",\"checks\":{\"database\":\"DOWN\",\"writer\":\"UP\"}}",
                get("/health/ready"));
    }

    @Test
    void liveStaysUpWhenTheDatabaseIsDown() {
        database.execute("SHUTDOWN");
        assertJson(200, "{\"status\":\"UP\"}", get("/health/live"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health/live", "/health/ready"})
    void healthAnswersOnlyGetAndHead(String path) {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri(path))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEquals(405, response.statusCode());
        assertEquals(List.of("GET, HEAD"), response.headers().allValues("Allow"));
    }
}
