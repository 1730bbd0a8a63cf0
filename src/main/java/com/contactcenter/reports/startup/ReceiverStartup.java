package com.contactcenter.reports.startup;

import com.contactcenter.reports.channel.ChannelAuthenticator;
import com.contactcenter.reports.channel.ChannelDao;
import com.contactcenter.reports.channel.PasswordHashing;
import com.contactcenter.reports.config.Settings;
import com.contactcenter.reports.db.DatabaseDialect;
import com.contactcenter.reports.db.ReportsDataSource;
import com.contactcenter.reports.db.SchemaMigration;
import com.contactcenter.reports.health.ReadinessCheck;
import com.contactcenter.reports.metrics.MetricsEndpoint;
import com.contactcenter.reports.metrics.ReceiverMetrics;
import com.contactcenter.reports.report.ReportDao;
import com.contactcenter.reports.report.ReportWriter;
import com.contactcenter.reports.retention.ReportRetention;
import com.contactcenter.reports.webhook.GupshupReportParser;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Builds the receiver when the container deploys it: settings, DataSource, schema, DAOs. Any failure here fails the
 * deployment with a message that names what is missing, rather than failing the first request.
 */
@WebListener
public class ReceiverStartup implements ServletContextListener {
    private static final System.Logger LOG = System.getLogger(ReceiverStartup.class.getName());

    /**
     * Set by a deployment (the {@code mvn jetty:run} default) whose admin user takes its password from an
     * environment variable: names that variable, so that startup can say when it is missing.
     */
    static final String ADMIN_PASSWORD_VARIABLE = "reports.admin-password-variable";

    /** The retention task, stopped at undeploy; null while retention is off. */
    private volatile ReportRetention retention;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        Settings settings = Settings.load(context);
        DataSource dataSource = ReportsDataSource.lookup();
        DatabaseDialect dialect = DatabaseDialect.of(dataSource);
        if (settings.migrateSchema()) {
            SchemaMigration.migrate(dataSource, dialect);
        } else {
            LOG.log(Level.INFO, "{0} is false: the schema is left to the DBA (scripts in {1})",
                    Settings.MIGRATE_SCHEMA, String.join(", ", dialect.migrationLocations()));
        }
        Clock clock = Clock.systemUTC();
        Jsonb jsonb = JsonbBuilder.create();
        ChannelDao channels = new ChannelDao(dataSource, dialect, clock);
        PasswordHashing passwordHashing = new PasswordHashing();
        ReportDao reportDao = new ReportDao(dataSource, dialect, clock);
        ReceiverMetrics metrics = new ReceiverMetrics();
        ReportWriter reports = new ReportWriter(reportDao, settings.queueCapacity(), settings.batchSize(),
                Duration.ofMillis(settings.commitWaitMillis()), metrics);
        metrics.watch(reports);
        context.setAttribute(ReceiverComponents.ATTRIBUTE, new ReceiverComponents(settings, jsonb,
                new GupshupReportParser(jsonb, JsonProvider.provider(), settings.storeRawReport()),
                reports,
                reportDao, channels, passwordHashing,
                new ChannelAuthenticator(channels, passwordHashing, settings.channelRefreshSeconds(),
                        settings.authFailureLimit(), settings.authFailureWindowSeconds(), System::nanoTime),
                metrics,
                new ReadinessCheck(dataSource, reports, System::nanoTime)));
        retention = ReportRetention.start(settings.retentionDays(), reportDao, clock).orElse(null);
        MetricsEndpoint.install(context, metrics, settings.metricsRole());
        LOG.log(Level.INFO, "Health at {0}/health/live and {0}/health/ready; metrics at {0}/metrics, {1}",
                context.getContextPath(), settings.metricsRole().isEmpty()
                        ? "open to whoever reaches them (" + Settings.METRICS_ROLE + " restricts them to a role)"
                        : "for users in the role " + settings.metricsRole());
        warnWhenAdminPasswordIsMissing(context);
        LOG.log(Level.INFO, "Receiving WhatsApp reports at {0}/on/whatsapp/'{'bsp'}'/message/'{'channelId'}' into {1}",
                context.getContextPath(), dialect);
    }

    private static void warnWhenAdminPasswordIsMissing(ServletContext context) {
        String variable = context.getInitParameter(ADMIN_PASSWORD_VARIABLE);
        if (variable != null) {
            String password = System.getenv(variable);
            if (password == null || password.isBlank()) {
                LOG.log(Level.WARNING, "The admin API refuses everyone: its user ''admin'' takes its password from"
                        + " the environment variable {0}, which is not set. Restart with, for example:"
                        + " {0}=choose-a-password mvn jetty:run", variable);
            }
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (retention != null) {
            retention.close(); // before the container takes the DataSource away
        }
        Object components = event.getServletContext().getAttribute(ReceiverComponents.ATTRIBUTE);
        if (components instanceof ReceiverComponents) {
            // Reports already queued are committed before the writer stops; their requests are still waiting.
            ((ReceiverComponents) components).reports().close();
            try {
                ((ReceiverComponents) components).jsonb().close();
            } catch (Exception ignored) {
                // Nothing is left to release at undeploy.
            }
        }
    }
}
