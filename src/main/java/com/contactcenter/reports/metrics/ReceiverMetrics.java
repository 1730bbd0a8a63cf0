package com.contactcenter.reports.metrics;

import com.contactcenter.reports.channel.ChannelAddress;
import com.contactcenter.reports.report.BatchObserver;
import com.contactcenter.reports.report.RecordOutcome;
import com.contactcenter.reports.report.ReportWriter;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.Locale;
import java.util.Set;

/**
 * What the receiver did since startup, as Prometheus metrics. The registry is this deployment's own, not the
 * client's global default, so that a redeploy in the same container starts afresh instead of clashing with the
 * previous deployment's metrics.
 *
 * <p>Every label has a bounded set of values: statuses are the known ones or {@code other} (Gupshup may add any),
 * channels only those that authenticated (an unknown channel id is the caller's free choice), reasons the names of
 * the HTTP statuses the receiver sends. No message id or phone number is ever a label. Thread-safe.
 */
public final class ReceiverMetrics implements BatchObserver {
    static final String OTHER = "other";

    /** The statuses Gupshup documents; any other becomes {@link #OTHER}. */
    private static final Set<String> KNOWN_STATUSES =
            Set.of("enqueued", "sent", "delivered", "read", "failed", "deleted");

    /** Every status the webhook refuses with; created at startup so that each series exists from 0. */
    private static final int[] REFUSAL_STATUSES = {400, 401, 404, 405, 408, 413, 415, 429, 500, 503};

    /** Batches grow with the arrival rate up to reports.batch-size (at most 10,000). */
    private static final double[] BATCH_SIZE_BOUNDS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000};

    /** From a local commit (a millisecond) to the wait bound's range (reports.commit-wait-millis, at most 8 s). */
    private static final double[] COMMIT_SECONDS_BOUNDS =
            {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final PrometheusRegistry registry = new PrometheusRegistry();

    private final Counter reportsAccepted = Counter.builder()
            .name("whatsapp_receiver_reports_accepted_total")
            .help("Status reports answered 200, by channel, status (a documented one, else other) and outcome:"
                    + " stored (a new row), duplicate (recorded before), uncounted (committed; the driver did not"
                    + " say which of the two)")
            .labelNames("bsp", "channel", "status", "outcome")
            .withoutExemplars()
            .register(registry);

    private final Counter nonReportEvents = Counter.builder()
            .name("whatsapp_receiver_non_report_events_total")
            .help("Callbacks of other kinds (message, user-event, billing-event, ...) answered 200 and not recorded")
            .labelNames("bsp", "channel")
            .withoutExemplars()
            .register(registry);

    private final Counter rejections = Counter.builder()
            .name("whatsapp_receiver_webhook_rejections_total")
            .help("Webhook requests refused, by the name of the HTTP status they were answered with")
            .labelNames("reason")
            .withoutExemplars()
            .register(registry);

    private final Counter authenticationFailures = Counter.builder()
            .name("whatsapp_receiver_authentication_failures_total")
            .help("Webhook POSTs whose Authorization was missing or not the channel's password, or whose channel"
                    + " does not exist")
            .withoutExemplars()
            .register(registry);

    private final Counter failedBatches = Counter.builder()
            .name("whatsapp_receiver_failed_batches_total")
            .help("Batches of reports the database could not commit; each of their requests was answered 503")
            .withoutExemplars()
            .register(registry);

    private final Histogram commitSeconds = Histogram.builder()
            .name("whatsapp_receiver_commit_seconds")
            .unit(Unit.SECONDS)
            .help("Time to record one batch of reports in one transaction, committed batches only")
            .classicUpperBounds(COMMIT_SECONDS_BOUNDS)
            .classicOnly()
            .withoutExemplars()
            .register(registry);

    private final Histogram batchSize = Histogram.builder()
            .name("whatsapp_receiver_batch_size")
            .help("Reports per committed batch")
            .classicUpperBounds(BATCH_SIZE_BOUNDS)
            .classicOnly()
            .withoutExemplars()
            .register(registry);

    public ReceiverMetrics() {
        for (int status : REFUSAL_STATUSES) {
            rejections.labelValues(reasonOf(status));
        }
        authenticationFailures.inc(0);
        failedBatches.inc(0);
    }

    /** The registry that the {@code /metrics} endpoint exports. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** Exports the writer's queue: how many reports wait for the database, and how many may. */
    public void watch(ReportWriter writer) {
        GaugeWithCallback.builder()
                .name("whatsapp_receiver_queue_depth")
                .help("Reports waiting for the database; at whatsapp_receiver_queue_capacity, reports are refused"
                        + " with 503")
                .callback(gauge -> gauge.call(writer.queueDepth()))
                .register(registry);
        GaugeWithCallback.builder()
                .name("whatsapp_receiver_queue_capacity")
                .help("The most reports that may wait for the database (reports.queue-capacity)")
                .callback(gauge -> gauge.call(writer.queueCapacity()))
                .register(registry);
    }

    /** A report of an authenticated channel was committed, or found already recorded. */
    public void reportAccepted(ChannelAddress channel, String status, RecordOutcome outcome) {
        reportsAccepted.labelValues(channel.bsp(), channel.channelId(), statusLabel(status),
                outcome.name().toLowerCase(Locale.ROOT)).inc();
    }

    /** An authenticated channel sent an event of another kind, acknowledged and not recorded. */
    public void nonReportEventAcknowledged(ChannelAddress channel) {
        nonReportEvents.labelValues(channel.bsp(), channel.channelId()).inc();
    }

    /** A webhook request was answered with the error status {@code status}. */
    public void requestRejected(int status) {
        rejections.labelValues(reasonOf(status)).inc();
    }

    public void authenticationFailed() {
        authenticationFailures.inc();
    }

    @Override
    public void batchCommitted(int reports, long elapsedNanos) {
        commitSeconds.observe(Unit.nanosToSeconds(elapsedNanos));
        batchSize.observe(reports);
    }

    @Override
    public void batchFailed(int reports) {
        failedBatches.inc();
    }

    static String statusLabel(String status) {
        return KNOWN_STATUSES.contains(status) ? status : OTHER;
    }

    /** The name of an error status as a label: bounded, and readable without a table of codes. */
    static String reasonOf(int status) {
        switch (status) {
            case 400:
                return "bad_request";
            case 401:
                return "unauthorized";
            case 403:
                return "forbidden";
            case 404:
                return "not_found";
            case 405:
                return "method_not_allowed";
            case 408:
                return "request_timeout";
            case 413:
                return "payload_too_large";
            case 415:
                return "unsupported_media_type";
            case 429:
                return "too_many_requests";
            case 500:
                return "internal_error";
            case 503:
                return "service_unavailable";
            default:
                return OTHER;
        }
    }
}
