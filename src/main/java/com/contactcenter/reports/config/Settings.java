package com.contactcenter.reports.config;

import com.contactcenter.reports.webhook.ClientAddresses;
import jakarta.servlet.ServletContext;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;

/**
 * The receiver's settings: immutable, read once at startup. Each comes from a JNDI {@code env-entry} of the same
 * name under {@code java:comp/env} (how Tomcat, Jetty and WildFly let operators override a WAR), else from a
 * {@code context-param}, else from its default. A bad value fails the deployment with a message naming the setting.
 */
public record Settings(int maxBodyBytes, boolean storeRawReport, boolean migrateSchema, int channelRefreshSeconds,
        int queueCapacity, int batchSize, int commitWaitMillis, int authFailureLimit, int authFailureWindowSeconds,
        String trustedProxies, int previousPasswordGraceSeconds,
        int retentionDays,
        String metricsRole) {

    public static final String MAX_BODY_BYTES = "reports.max-body-bytes";
    public static final String STORE_RAW_REPORT = "reports.store-raw-report";
    public static final String MIGRATE_SCHEMA = "reports.migrate-schema";
    public static final String CHANNEL_REFRESH_SECONDS = "reports.channel-refresh-seconds";
    public static final String QUEUE_CAPACITY = "reports.queue-capacity";
    public static final String BATCH_SIZE = "reports.batch-size";
    public static final String COMMIT_WAIT_MILLIS = "reports.commit-wait-millis";
    public static final String AUTH_FAILURE_LIMIT = "reports.auth-failure-limit";
    public static final String AUTH_FAILURE_WINDOW_SECONDS = "reports.auth-failure-window-seconds";
    public static final String TRUSTED_PROXIES = "reports.trusted-proxies";
    public static final String PREVIOUS_PASSWORD_GRACE_SECONDS = "reports.previous-password-grace-seconds";
    public static final String METRICS_ROLE = "reports.metrics-role";

    /** A week: long enough to update Gupshup's subscription, short enough that an old password does not linger. */
    public static final int MAX_PREVIOUS_PASSWORD_GRACE_SECONDS = 7 * 24 * 3600;

    /**
     * Gupshup considers a callback failed when no 2xx arrives within 10 seconds; a request must have its answer,
     * 200 or 503, well before that.
     */
    public static final int MAX_COMMIT_WAIT_MILLIS = 8000;
    public static final String RETENTION_DAYS = "reports.retention-days";

    /** 100 years: a larger age is a typo, not a retention policy. */
    public static final int MAX_RETENTION_DAYS = 36_500;

    /**
     * The largest accepted body; {@code raw_report} on H2 is a CHARACTER VARYING(1000000), and a UTF-8 body of n
     * bytes has at most n characters, so this bound keeps every accepted body storable.
     */
    public static final int MAX_BODY_BYTES_LIMIT = 1_000_000;

    /**
     * A role name as every container's user store can hold it; "*" and "**" are excluded, since they mean "any
     * role" and "any authenticated user" to the servlet specification rather than naming a role.
     */
    private static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public static Settings defaults() {
        // Retention 0: keep every report; deleting data must be something an operator asks for.
        return new Settings(64 * 1024, true, true, 10, 10_000, 500, 3000, 10, 60, "", 0, 0,
                "");
    }

    public static Settings load(ServletContext context) {
        Settings defaults = defaults();
        return new Settings(
                intSetting(context, MAX_BODY_BYTES, defaults.maxBodyBytes(), 1024, MAX_BODY_BYTES_LIMIT),
                booleanSetting(context, STORE_RAW_REPORT, defaults.storeRawReport()),
                booleanSetting(context, MIGRATE_SCHEMA, defaults.migrateSchema()),
                intSetting(context, CHANNEL_REFRESH_SECONDS, defaults.channelRefreshSeconds(), 0, 3600),
                intSetting(context, QUEUE_CAPACITY, defaults.queueCapacity(), 1, 1_000_000),
                intSetting(context, BATCH_SIZE, defaults.batchSize(), 1, 10_000),
                intSetting(context, COMMIT_WAIT_MILLIS, defaults.commitWaitMillis(), 100, MAX_COMMIT_WAIT_MILLIS),
                intSetting(context, AUTH_FAILURE_LIMIT, defaults.authFailureLimit(), 1, 1_000_000),
                intSetting(context, AUTH_FAILURE_WINDOW_SECONDS, defaults.authFailureWindowSeconds(), 1, 86_400),
                trustedProxies(context),
                intSetting(context, PREVIOUS_PASSWORD_GRACE_SECONDS, defaults.previousPasswordGraceSeconds(), 0,
                        MAX_PREVIOUS_PASSWORD_GRACE_SECONDS),
                intSetting(context, RETENTION_DAYS, defaults.retentionDays(), 0, MAX_RETENTION_DAYS),
                roleSetting(context, METRICS_ROLE, defaults.metricsRole()));
    }

    private static int intSetting(ServletContext context, String name, int fallback, int min, int max) {
        String value = rawValue(context, name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the accepted range
        }
        throw new IllegalStateException("Setting " + name + " must be a whole number from " + min + " to " + max
                + ", not '" + value + "'");
    }

    private static String trustedProxies(ServletContext context) {
        String value = rawValue(context, TRUSTED_PROXIES);
        if (value == null) {
            return defaults().trustedProxies();
        }
        try {
            ClientAddresses.trusting(value);
        } catch (IllegalArgumentException invalid) {
            throw new IllegalStateException("Setting " + TRUSTED_PROXIES + " must list IP addresses and CIDR blocks"
                    + " separated by commas: " + invalid.getMessage(), invalid);
        }
        return value;
    }

    private static boolean booleanSetting(ServletContext context, String name, boolean fallback) {
        String value = rawValue(context, name);
        if (value == null) {
            return fallback;
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new IllegalStateException("Setting " + name + " must be true or false, not '" + value + "'");
        }
    }

    /** A role name, or empty for "no role required". */
    private static String roleSetting(ServletContext context, String name, String fallback) {
        String value = rawValue(context, name);
        if (value == null) {
            return fallback;
        }
        String trimmed = value.trim();
        if (trimmed.isEmpty() || ROLE_NAME.matcher(trimmed).matches()) {
            return trimmed;
        }
        throw new IllegalStateException("Setting " + name + " must be empty (no role required) or a role name of 1"
                + " to 64 letters, digits, '.', '_' or '-', not '" + value + "'");
    }

    private static String rawValue(ServletContext context, String name) {
        Object fromJndi = lookupEnvironmentEntry(name);
        if (fromJndi != null) {
            return fromJndi.toString();
        }
        return context.getInitParameter(name);
    }

    private static Object lookupEnvironmentEntry(String name) {
        try {
            return new InitialContext().lookup("java:comp/env/" + name);
        } catch (NameNotFoundException absent) {
            return null;
        } catch (NamingException unavailable) {
            // A container without a naming service: context parameters and defaults still apply.
            return null;
        }
    }
}
