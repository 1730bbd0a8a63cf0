package com.contactcenter.reports.startup;

import com.contactcenter.reports.channel.ChannelAuthenticator;
import com.contactcenter.reports.channel.ChannelDao;
import com.contactcenter.reports.channel.PasswordHashing;
import com.contactcenter.reports.config.Settings;
import com.contactcenter.reports.health.ReadinessCheck;
import com.contactcenter.reports.metrics.ReceiverMetrics;
import com.contactcenter.reports.report.ReportDao;
import com.contactcenter.reports.report.ReportWriter;
import com.contactcenter.reports.webhook.GupshupReportParser;
import jakarta.json.bind.Jsonb;
import jakarta.servlet.ServletContext;

/** The receiver's shared, thread-safe parts, built once by {@link ReceiverStartup} and found by every servlet. */
public record ReceiverComponents(Settings settings, Jsonb jsonb, GupshupReportParser parser, ReportWriter reports,
        ReportDao reportDao, ChannelDao channels, PasswordHashing passwordHashing, ChannelAuthenticator authenticator,
        ReceiverMetrics metrics,
        ReadinessCheck readiness) {

    static final String ATTRIBUTE = ReceiverComponents.class.getName();

    public static ReceiverComponents of(ServletContext context) {
        Object components = context.getAttribute(ATTRIBUTE);
        if (!(components instanceof ReceiverComponents)) {
            throw new IllegalStateException("The receiver did not start: see the deployment log");
        }
        return (ReceiverComponents) components;
    }
}
