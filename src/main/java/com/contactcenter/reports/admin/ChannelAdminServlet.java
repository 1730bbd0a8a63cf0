package com.contactcenter.reports.admin;

import com.contactcenter.reports.channel.Channel;
import com.contactcenter.reports.channel.ChannelAddress;
import com.contactcenter.reports.channel.ChannelAuthenticator;
import com.contactcenter.reports.channel.ChannelDao;
import com.contactcenter.reports.channel.PasswordHashing;
import com.contactcenter.reports.config.Settings;
import com.contactcenter.reports.failure.ErrorResponses;
import com.contactcenter.reports.failure.InvalidRequestException;
import com.contactcenter.reports.failure.MethodNotAllowedException;
import com.contactcenter.reports.failure.NotFoundException;
import com.contactcenter.reports.failure.ReceiverException;
import com.contactcenter.reports.report.ReportDao;
import com.contactcenter.reports.startup.ReceiverComponents;
import com.contactcenter.reports.webhook.JsonBodyReader;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * {@code GET /admin/channels}, {@code PUT} and {@code DELETE /admin/channels/{bsp}/{channelId}}. web.xml restricts
 * it to the role {@code webhook-admin}; nothing it answers contains a password or a hash.
 */
@WebServlet(urlPatterns = {"/admin/channels", "/admin/channels/*"})
public class ChannelAdminServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(ChannelAdminServlet.class.getName());
    private static final int MIN_PASSWORD_LENGTH = 8;
    private static final int MAX_PASSWORD_LENGTH = 256;
    private static final int MAX_BODY_BYTES = 4096;

    private transient Jsonb jsonb;
    private transient ChannelDao channels;
    private transient PasswordHashing passwordHashing;
    private transient ChannelAuthenticator authenticator;
    private transient JsonBodyReader bodyReader;
    private int defaultGraceSeconds;
    private transient ReportDao reports;

    @Override
    public void init() {
        ReceiverComponents components = ReceiverComponents.of(getServletContext());
        jsonb = components.jsonb();
        channels = components.channels();
        passwordHashing = components.passwordHashing();
        authenticator = components.authenticator();
        bodyReader = new JsonBodyReader(MAX_BODY_BYTES);
        defaultGraceSeconds = components.settings().previousPasswordGraceSeconds();
        reports = components.reportDao();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Answers about credentials must not linger in a browser or proxy cache.
        response.setHeader("Cache-Control", "no-store");
        try {
            String path = request.getPathInfo();
            if (path == null || "/".equals(path)) {
                if (!"GET".equals(request.getMethod())) {
                    throw new MethodNotAllowedException(request.getMethod(), "GET");
                }
                ErrorResponses.sendJson(response, HttpServletResponse.SC_OK, jsonb.toJson(channels.findAll()));
                return;
            }
            ChannelAddress address = address(path);
            switch (request.getMethod()) {
                case "PUT":
                    put(request, response, address);
                    break;
                case "DELETE":
                    delete(request, response, address);
                    break;
                default:
                    throw new MethodNotAllowedException(request.getMethod(), "PUT, DELETE");
            }
        } catch (ReceiverException rejected) {
            ErrorResponses.send(response, rejected);
        }
    }

    private void put(HttpServletRequest request, HttpServletResponse response, ChannelAddress address)
            throws IOException {
        WebhookPasswordChange change = change(bodyReader.read(request));
        String password = password(change);
        Duration grace = grace(change);
        boolean created = channels.save(address, passwordHashing.hash(password), grace);
        channels.findPasswords(address).ifPresent(stored -> authenticator.remember(address, stored, password));
        LOG.log(Level.INFO, "Channel {0} {1} by {2}", address, created ? "created"
                : "given a new webhook password (the previous one valid for " + grace.toSeconds() + " s)",
                request.getRemoteUser());
        // Deleted again by a concurrent request: there is nothing to show, and the password was still set.
        Channel channel = channels.find(address).orElseThrow(() -> new NotFoundException("no such channel"));
        if (created) {
            response.setHeader("Location", request.getRequestURL().toString());
        }
        ErrorResponses.sendJson(response, created ? HttpServletResponse.SC_CREATED : HttpServletResponse.SC_OK,
                jsonb.toJson(channel));
    }

    /**
     * Removes the channel; with {@code ?reports=delete} also its reports, in batches (reports recorded after the
     * call stay). Repeated after an interrupted deletion, it finishes deleting the reports of the gone channel.
     */
    private void delete(HttpServletRequest request, HttpServletResponse response, ChannelAddress address) {
        boolean withReports = deletesReports(request.getParameter("reports"));
        boolean existed = channels.delete(address);
        if (existed) {
            authenticator.forget(address);
        }
        long deletedReports = withReports ? reports.deleteChannelReports(address.bsp(), address.channelId(),
                ReportDao.DELETE_BATCH_SIZE, ReportDao.DELETE_PAUSE) : 0;
        if (!existed && deletedReports == 0) {
            throw new NotFoundException("no such channel");
        }
        LOG.log(Level.INFO, "Channel {0} deleted; {1}", address, withReports ? deletedReports
                + " of its reports deleted" : "its reports stay in message_report");
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    private static boolean deletesReports(String reports) {
        if (reports == null || "keep".equals(reports)) {
            return false;
        }
        if ("delete".equals(reports)) {
            return true;
        }
        throw new InvalidRequestException("reports must be keep or delete");
    }

    private static ChannelAddress address(String path) {
        String[] segments = path.split("/", -1);
        if (segments.length != 3 || !segments[0].isEmpty()) {
            throw new NotFoundException("no such resource: use /admin/channels/{bsp}/{channelId}");
        }
        if (!ChannelAddress.SUPPORTED_BSPS.contains(segments[1])) {
            throw new NotFoundException("unsupported integrator; supported: " + ChannelAddress.SUPPORTED_BSPS);
        }
        return ChannelAddress.of(segments[1], segments[2]).orElseThrow(() -> new InvalidRequestException(
                "channelId must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
    }

    private WebhookPasswordChange change(String body) {
        WebhookPasswordChange change;
        try {
            change = jsonb.fromJson(body, WebhookPasswordChange.class);
        } catch (JsonbException malformed) {
            change = null;
        }
        if (change == null) {
            throw new InvalidRequestException(
                    "body must be {\"webhookPassword\": \"...\"}, optionally with \"previousPasswordGraceSeconds\"");
        }
        return change;
    }

    private Duration grace(WebhookPasswordChange change) {
        Integer seconds = change.previousPasswordGraceSeconds();
        if (seconds == null) {
            return Duration.ofSeconds(defaultGraceSeconds);
        }
        if (seconds < 0 || seconds > Settings.MAX_PREVIOUS_PASSWORD_GRACE_SECONDS) {
            throw new InvalidRequestException("previousPasswordGraceSeconds must be from 0 to "
                    + Settings.MAX_PREVIOUS_PASSWORD_GRACE_SECONDS);
        }
        return Duration.ofSeconds(seconds);
    }

    private String password(WebhookPasswordChange change) {
        String password = change.webhookPassword();
        if (password == null || password.length() < MIN_PASSWORD_LENGTH || password.length() > MAX_PASSWORD_LENGTH) {
            throw new InvalidRequestException("webhookPassword must be " + MIN_PASSWORD_LENGTH + " to "
                    + MAX_PASSWORD_LENGTH + " characters");
        }
        // Gupshup sends it back in an HTTP header, where control characters cannot travel (RFC 9110 section 5.5).
        if (password.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new InvalidRequestException("webhookPassword must not contain control characters");
        }
        return password;
    }
}
