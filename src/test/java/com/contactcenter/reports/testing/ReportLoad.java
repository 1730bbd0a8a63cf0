package com.contactcenter.reports.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Sustained load as Gupshup sends it: threads posting status reports (a fresh gsId per message; sent, delivered,
 * read), each remembering which reports were acknowledged with 200 and which were refused. Bounded in count and
 * time; stops by itself.
 */
public final class ReportLoad implements AutoCloseable {
    private static final String[] STATUSES = {"sent", "delivered", "read"};

    /** One report: its key in message_report and its body. */
    public record Report(String gsId, String status, String body) {
        public String key() {
            return gsId + "/" + status;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ExecutorService threads;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Set<Report> acknowledged = ConcurrentHashMap.newKeySet();
    private final Set<Report> refused = ConcurrentHashMap.newKeySet();
    private final AtomicLong slowestRefusalMillis = new AtomicLong();
    private final AtomicLong refusalsWithoutRetryAfter = new AtomicLong();
    private final List<Integer> unexpectedStatuses = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final ExecutorService copies = Executors.newCachedThreadPool();

    private ReportLoad(int threadCount) {
        threads = Executors.newFixedThreadPool(threadCount);
    }

    /**
     * Starts posting until stopped or until maxReports per thread; with several URLs, each report goes to all of
     * them at the same time, as a load balancer retrying on another instance would.
     */
    public static ReportLoad start(List<URI> webhooks, String password, int threadCount, int maxReportsPerThread) {
        ReportLoad load = new ReportLoad(threadCount);
        for (int t = 0; t < threadCount; t++) {
            load.threads.submit(() -> load.post(webhooks, password, maxReportsPerThread));
        }
        return load;
    }

    public static Report report(String gsId, String status) {
        long now = System.currentTimeMillis();
        return new Report(gsId, status, "{\"app\":\"FaultApp\",\"timestamp\":" + now + ",\"version\":2,\"type\":"
                + "\"message-event\",\"payload\":{\"id\":\"" + gsId + "\",\"gsId\":\"" + gsId + "\",\"type\":\""
                + status + "\",\"destination\":\"918x98xx21x4\",\"payload\":{\"ts\":" + now / 1000 + "}}}");
    }

    private void post(List<URI> webhooks, String password, int maxReports) {
        String gsId = null;
        for (int n = 0; n < maxReports && running.get(); n++) {
            if (n % STATUSES.length == 0) {
                gsId = UUID.randomUUID().toString();
            }
            Report report = report(gsId, STATUSES[n % STATUSES.length]);
            if (webhooks.size() == 1) {
                send(webhooks.get(0), password, report);
            } else {
                webhooks.stream().map(webhook -> CompletableFuture.runAsync(() -> send(webhook, password, report),
                        copies)).collect(Collectors.toList()).forEach(CompletableFuture::join);
            }
        }
    }

    /** Posts once; returns the status, or -1 when the connection failed. */
    public int send(URI webhook, String password, Report report) {
        long start = System.nanoTime();
        int status;
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/json").header("Authorization", password)
                    .POST(HttpRequest.BodyPublishers.ofString(report.body())).build(),
                    HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            if (status == 503 && response.headers().firstValue("Retry-After").isEmpty()) {
                refusalsWithoutRetryAfter.incrementAndGet();
            }
        } catch (java.io.IOException connectionLost) {
            status = -1;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return -1;
        }
        if (status == 200) {
            acknowledged.add(report);
        } else {
            refused.add(report);
            slowestRefusalMillis.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
            if (status != 503 && status != -1) {
                unexpectedStatuses.add(status);
            }
        }
        return status;
    }

    public Set<Report> acknowledged() {
        return acknowledged;
    }

    public Set<Report> refused() {
        return refused;
    }

    public long slowestRefusalMillis() {
        return slowestRefusalMillis.get();
    }

    /** 503 answers that did not say when to retry (RFC 9110 section 10.2.3: Retry-After). */
    public long refusalsWithoutRetryAfter() {
        return refusalsWithoutRetryAfter.get();
    }

    /** Statuses other than 200, 503 and a lost connection. */
    public List<Integer> unexpectedStatuses() {
        return new ArrayList<>(unexpectedStatuses);
    }

    /** Waits until every thread has posted all its reports. */
    public void awaitCompletion() {
        threads.shutdown();
        try {
            threads.awaitTermination(5, TimeUnit.MINUTES);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops posting and waits for the requests in flight to be answered. */
    public void stop() {
        running.set(false);
        threads.shutdown();
        try {
            threads.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
        threads.shutdownNow();
        copies.shutdownNow();
    }
}
