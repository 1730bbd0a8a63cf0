package com.contactcenter.reports.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.annotations.AnnotationConfiguration;
import org.eclipse.jetty.ee10.plus.webapp.EnvConfiguration;
import org.eclipse.jetty.ee10.plus.webapp.PlusConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.plus.jndi.Resource;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.security.Credential;

/**
 * The built WAR ({@code target/social.war}) deployed at {@code /social} in a real Jetty 12 on a free port of
 * 127.0.0.1, with the test's DataSource bound as {@code jdbc/reports} and two users: an admin in the role
 * {@code webhook-admin} and a user without it. Each test starts its own and closes it. Its connector gives up on slow
 * clients the way README.md ("Hostile input and limits") asks of a production Jetty, with shorter times.
 */
public final class ReceiverServer implements AutoCloseable {
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";
    public static final String NOT_ADMIN = "operator";
    public static final String NOT_ADMIN_PASSWORD = "operator-password-for-tests";

    /**
     * How long a connection may send nothing, mid-body or between requests, before Jetty closes it (Jetty's default
     * is 30 s). Short, because the tests talk over loopback and the slow-client tests wait for it.
     */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);
    /**
     * Jetty's per-request minimum rate of a body being read, in bytes per second: it ends a client that dribbles
     * its body a byte at a time, each just inside the idle timeout, which the idle timeout alone never would.
     */
    public static final long MIN_REQUEST_DATA_RATE = 1024;

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Server server;
    private final URI base;

    private ReceiverServer(Server server, URI base) {
        this.server = server;
        this.base = base;
    }

    public static ReceiverServer start(DataSource dataSource) throws Exception {
        return start(dataSource, Map.of());
    }

    /**
     * @param dataSource bound as jdbc/reports, or null to deploy without it
     * @param contextParameters settings given to the web app as context parameters
     */
    public static ReceiverServer start(DataSource dataSource, Map<String, String> contextParameters)
            throws Exception {
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setMinRequestDataRate(MIN_REQUEST_DATA_RATE);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        server.addConnector(connector);

        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/social");
        webapp.setWar(builtWar().toString());
        webapp.addConfiguration(new EnvConfiguration(), new PlusConfiguration(), new AnnotationConfiguration());
        webapp.setThrowUnavailableOnStartupException(true);
        contextParameters.forEach(webapp::setInitParameter);
        if (dataSource != null) {
            bind(webapp, dataSource);
        }
        webapp.getSecurityHandler().setLoginService(loginService());
        server.setHandler(webapp);
        try {
            server.start();
        } catch (Exception failed) {
            server.stop();
            throw failed;
        }
        return new ReceiverServer(server, URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/social"));
    }

    private static Path builtWar() {
        Path war = Path.of(System.getProperty("reports.war", "target/social.war"));
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException(war + " is missing: run the integration tests with `mvn verify`");
        }
        return war;
    }

    private static void bind(WebAppContext webapp, DataSource dataSource) throws NamingException {
        new Resource(webapp, "jdbc/reports", dataSource);
    }

    private static HashLoginService loginService() {
        UserStore users = new UserStore();
        users.addUser(ADMIN, Credential.getCredential(ADMIN_PASSWORD), new String[] {"webhook-admin"});
        users.addUser(NOT_ADMIN, Credential.getCredential(NOT_ADMIN_PASSWORD), new String[] {"operator"});
        HashLoginService loginService = new HashLoginService("whatsapp-report-receiver");
        loginService.setUserStore(users);
        return loginService;
    }

    public URI uri(String path) {
        return URI.create(base + path);
    }

    /** The webhook's URL for a channel of Gupshup. */
    public URI webhook(String channelId) {
        return uri("/on/whatsapp/gupshup/message/" + channelId);
    }

    /** POSTs a callback the way the interface does: JSON, UTF-8, the raw password in Authorization. */
    public HttpResponse<String> postReport(String channelId, String password, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(webhook(channelId))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (password != null) {
            request.header("Authorization", password);
        }
        return send(request.build());
    }

    /** Creates or rotates a channel through the admin API, as the admin. */
    public HttpResponse<String> putChannel(String channelId, String webhookPassword) {
        return send(asAdmin(HttpRequest.newBuilder(uri("/admin/channels/gupshup/" + channelId)))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"webhookPassword\":\"" + webhookPassword + "\"}"))
                .build());
    }

    public static HttpRequest.Builder asAdmin(HttpRequest.Builder request) {
        return withBasic(request, ADMIN, ADMIN_PASSWORD);
    }

    public static HttpRequest.Builder withBasic(HttpRequest.Builder request, String user, String password) {
        return request.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException failed) {
            throw new IllegalStateException(request.toString(), failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /** Context parameters, for tests that change a setting. */
    public static Map<String, String> settings(String... namesAndValues) {
        Map<String, String> settings = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            settings.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return settings;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception failed) {
            throw new IllegalStateException("Jetty did not stop", failed);
        }
    }
}
