package com.contactcenter.reports.metrics;

import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.EnumSet;
import java.util.Set;

/**
 * Installs {@code GET /metrics}: Prometheus's own exporter servlet on the receiver's registry, behind
 * {@link MetricsAccessFilter} when a role is required. Done in code because the exporter needs the registry, which
 * exists only once the receiver has started.
 */
public final class MetricsEndpoint {
    static final String PATH = "/metrics";

    private MetricsEndpoint() {
    }

    /**
     * @param role the role a scraper must hold, or empty to leave the endpoint open (to the network, which then
     *     must keep it private)
     */
    public static void install(ServletContext context, ReceiverMetrics metrics, String role) {
        ServletRegistration.Dynamic servlet =
                context.addServlet("prometheus-metrics", new PrometheusMetricsServlet(metrics.registry()));
        Set<String> taken = servlet.addMapping(PATH);
        if (!taken.isEmpty()) {
            throw new IllegalStateException("Cannot export metrics: " + taken + " is mapped to another servlet");
        }
        if (!role.isEmpty()) {
            // A role that no security constraint names must be declared for isUserInRole to know it everywhere.
            context.declareRoles(role);
            FilterRegistration.Dynamic filter = context.addFilter("metrics-access", new MetricsAccessFilter(role));
            filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, PATH);
        }
    }
}
