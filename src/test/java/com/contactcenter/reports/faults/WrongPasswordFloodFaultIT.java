package com.contactcenter.reports.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contactcenter.reports.testing.ReceiverServer;
import com.contactcenter.reports.testing.ReportLoad;
import com.contactcenter.reports.testing.Samples;
import com.contactcenter.reports.testing.TestDatabase;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * A flood of wrong passwords, each one different, does not starve the channel's valid reports: they keep most of
 * their throughput, and the flood is answered 429 once over the limit, without slow hashing.
 */
class WrongPasswordFloodFaultIT {
    private static final String CHANNEL = "202105102694809992";
    private static final String PASSWORD = "flood-webhook-password";
    private static final int SECONDS = 5;

    @Test
    void validReportsKeepTheirThroughputDuringAWrongPasswordFlood() throws Exception {
        try (TestDatabase database = TestDatabase.h2();
                ReceiverServer server = ReceiverServer.start(database.dataSource())) {
            server.putChannel(CHANNEL, PASSWORD);
            double alone = validReportsPerSecond(server);

            AtomicBoolean flooding = new AtomicBoolean(true);
            Map<Integer, LongAdder> floodAnswers = new ConcurrentHashMap<>();
            ExecutorService flood = Executors.newFixedThreadPool(8);
            HttpClient client = HttpClient.newHttpClient();
            for (int i = 0; i < 8; i++) {
                flood.submit(() -> {
                    while (flooding.get()) {
                        int status = client.send(HttpRequest.newBuilder(server.webhook(CHANNEL))
                                .header("Content-Type", "application/json")
                                .header("Authorization", UUID.randomUUID().toString())
                                .POST(HttpRequest.BodyPublishers.ofString(Samples.body("read"))).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode();
                        floodAnswers.computeIfAbsent(status, s -> new LongAdder()).increment();
                    }
                    return null;
                });
            }
            double duringFlood = validReportsPerSecond(server);
            flooding.set(false);
            flood.shutdown();
            flood.awaitTermination(30, TimeUnit.SECONDS);

            long floodTotal = floodAnswers.values().stream().mapToLong(LongAdder::sum).sum();
            assertEquals(List.of(401, 429), floodAnswers.keySet().stream().sorted().toList());
            assertTrue(floodAnswers.get(429).sum() > floodTotal * 9 / 10, floodAnswers.toString());
            System.out.printf("FAULT wrong-password-flood: valid reports %.0f/s alone, %.0f/s (%.0f %%) during a"
                    + " flood of %d wrong passwords (%.0f/s; %s)%n", alone, duringFlood, 100 * duringFlood / alone,
                    floodTotal, floodTotal / (double) SECONDS, floodAnswers);
            assertTrue(duringFlood >= alone * 0.3, "valid throughput fell to " + duringFlood + " from " + alone);
        }
    }

    private static double validReportsPerSecond(ReceiverServer server) throws InterruptedException {
        ReportLoad load = ReportLoad.start(List.of(server.webhook(CHANNEL)), PASSWORD, 4, 1_000_000);
        Thread.sleep(SECONDS * 1000L);
        load.stop();
        assertEquals(List.of(), load.unexpectedStatuses());
        return load.acknowledged().size() / (double) SECONDS;
    }
}
