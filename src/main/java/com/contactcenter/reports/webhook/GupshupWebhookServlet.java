package com.contactcenter.reports.webhook;

import com.contactcenter.reports.channel.ChannelAddress;
import com.contactcenter.reports.failure.AuthenticationFailedException;
import com.contactcenter.reports.failure.ErrorResponses;
import com.contactcenter.reports.failure.MethodNotAllowedException;
import com.contactcenter.reports.failure.ReceiverException;
import com.contactcenter.reports.failure.StorageUnavailableException;
import com.contactcenter.reports.metrics.ReceiverMetrics;
import com.contactcenter.reports.report.RecordOutcome;
import com.contactcenter.reports.report.ReportWriter;
import com.contactcenter.reports.report.StatusReport;
import com.contactcenter.reports.startup.ReceiverComponents;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * {@code POST /on/whatsapp/{whatsAppBsp}/message/{channelId}}: parses an authenticated callback and answers 200
 * with an empty body once its report is committed, as the interface requires ("no response is returned").
 */
@WebServlet(urlPatterns = "/on/*")
public class GupshupWebhookServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(GupshupWebhookServlet.class.getName());

    private transient JsonBodyReader bodyReader;
    private transient GupshupReportParser parser;
    private transient ReportWriter reports;
    private transient ReceiverMetrics metrics;
    private transient ClientAddresses clientAddresses;

    @Override
    public void init() {
        ReceiverComponents components = ReceiverComponents.of(getServletContext());
        bodyReader = new JsonBodyReader(components.settings().maxBodyBytes());
        parser = components.parser();
        reports = components.reports();
        metrics = components.metrics();
        clientAddresses = ClientAddresses.trusting(components.settings().trustedProxies());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            if (!"POST".equals(request.getMethod())) {
                throw new MethodNotAllowedException(request.getMethod(), "POST");
            }
            receive(request);
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentLength(0);
        } catch (ReceiverException rejected) {
            log(request, rejected);
            metrics.requestRejected(ErrorResponses.statusOf(rejected));
            ErrorResponses.send(response, rejected);
        } catch (RuntimeException unexpected) {
            LOG.log(Level.ERROR, "Failed on " + request.getMethod() + " " + request.getRequestURI() + " from "
                    + clientAddresses.of(request), unexpected);
            metrics.requestRejected(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            ErrorResponses.sendReason(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "internal error");
        }
    }

    private void receive(HttpServletRequest request) {
        Object authenticated = request.getAttribute(WebhookPath.AUTHENTICATED_CHANNEL);
        if (!(authenticated instanceof ChannelAddress)) {
            // Fail closed should the filter ever be left out of the chain.
            throw new AuthenticationFailedException("missing or wrong Authorization for this channel");
        }
        String body = bodyReader.read(request);
        ChannelAddress channel = (ChannelAddress) authenticated;
        Optional<StatusReport> report = parser.parse(channel, body);
        if (report.isEmpty()) {
            metrics.nonReportEventAcknowledged(channel);
            return;
        }
        RecordOutcome outcome = reports.record(report.get());
        metrics.reportAccepted(channel, report.get().status(), outcome);
        // StatusReport's text masks the destination and leaves out the raw body.
        LOG.log(Level.DEBUG, "Recorded {0}: {1}", report.get(), outcome);
    }

    private void log(HttpServletRequest request, ReceiverException rejected) {
        if (rejected instanceof StorageUnavailableException) {
            LOG.log(Level.WARNING, "Answered 503 to " + request.getMethod() + " " + request.getRequestURI()
                    + " from " + clientAddresses.of(request) + ": " + rejected.getMessage(), rejected.getCause());
        } else {
            LOG.log(Level.INFO, "Refused {0} {1} from {2}: {3}", request.getMethod(), request.getRequestURI(),
                    clientAddresses.of(request), rejected.getMessage());
        }
    }
}
