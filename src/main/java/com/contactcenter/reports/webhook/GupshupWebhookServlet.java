package com.contactcenter.reports.webhook;

import com.contactcenter.reports.channel.ChannelAddress;
import com.contactcenter.reports.failure.AuthenticationFailedException;
import com.contactcenter.reports.failure.ErrorResponses;
import com.contactcenter.reports.failure.MethodNotAllowedException;
import com.contactcenter.reports.failure.ReceiverException;
import com.contactcenter.reports.failure.RequestTimeoutException;
import com.contactcenter.reports.failure.StorageUnavailableException;
import com.contactcenter.reports.metrics.ReceiverMetrics;
import com.contactcenter.reports.report.RecordOutcome;
import com.contactcenter.reports.report.ReportWriter;
import com.contactcenter.reports.report.StatusReport;
import com.contactcenter.reports.startup.ReceiverComponents;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /on/whatsapp/{whatsAppBsp}/message/{channelId}}: parses an authenticated callback and answers 200
 * with an empty body once its report is committed, as the interface requires ("no response is returned").
 *
 * <p>The answer is asynchronous (Servlet 3.0 async): the request thread parses, queues the report for the group
 * commit and returns to the container, and the answer is written when the batch has committed. Parking a thread per
 * report in flight instead cost the request threads about 40 microseconds more CPU per report (145 against 105 on 2
 * cores with PostgreSQL, README.md "Performance") and needs a thread per open connection in Gupshup's bursts.
 */
@WebServlet(urlPatterns = "/on/*", asyncSupported = true)
public class GupshupWebhookServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(GupshupWebhookServlet.class.getName());
    private final transient RefusalLog refusals = new RefusalLog(LOG, System::nanoTime);

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
            Optional<Submitted> submitted = receive(request);
            if (submitted.isEmpty()) {
                acknowledge(response);
                return;
            }
            AsyncContext answer = request.startAsync();
            // The writer's wait bound (reports.commit-wait-millis) ends every future; the container adds none.
            answer.setTimeout(0);
            submitted.get().outcome().whenComplete((outcome, failure) -> answer(request, response, answer,
                    submitted.get(), outcome, failure));
        } catch (ReceiverException rejected) {
            if (!(rejected instanceof RequestTimeoutException)) {
                // A 408's body has stopped arriving: waiting for it again would only hold the thread.
                RefusedBodies.discard(request, response);
            }
            reject(request, response, rejected);
        } catch (RuntimeException unexpected) {
            failed(request, response, unexpected);
        }
    }

    /** A report and its commit under way. */
    private record Submitted(ChannelAddress channel, StatusReport report, CompletableFuture<RecordOutcome> outcome) {
    }

    /** The report queued for commit, or empty for an event that is acknowledged without being recorded. */
    private Optional<Submitted> receive(HttpServletRequest request) {
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
            return Optional.empty();
        }
        return Optional.of(new Submitted(channel, report.get(), reports.submit(report.get())));
    }

    /**
     * Runs where the commit ended: on the writer's thread, or on the timer's for a commit that took too long. Only
     * sets the status and at most a short reason, which the response buffer holds; the container writes it.
     */
    private void answer(HttpServletRequest request, HttpServletResponse response, AsyncContext answer,
            Submitted submitted, RecordOutcome outcome, Throwable failure) {
        try {
            if (failure == null) {
                acknowledge(response);
                metrics.reportAccepted(submitted.channel(), submitted.report().status(), outcome);
                // StatusReport's text masks the destination and leaves out the raw body.
                LOG.log(Level.DEBUG, "Recorded {0}: {1}", submitted.report(), outcome);
            } else if (failure.getCause() instanceof ReceiverException) {
                reject(request, response, (ReceiverException) failure.getCause());
            } else {
                failed(request, response, failure);
            }
        } catch (IOException | RuntimeException unanswerable) {
            LOG.log(Level.WARNING, "Could not answer " + request.getRequestURI() + ": " + unanswerable);
        } finally {
            answer.complete();
        }
    }

    private static void acknowledge(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentLength(0);
    }

    private void reject(HttpServletRequest request, HttpServletResponse response, ReceiverException rejected)
            throws IOException {
        log(request, rejected);
        metrics.requestRejected(ErrorResponses.statusOf(rejected));
        ErrorResponses.send(response, rejected);
    }

    private void failed(HttpServletRequest request, HttpServletResponse response, Throwable unexpected)
            throws IOException {
        LOG.log(Level.ERROR, "Failed on " + request.getMethod() + " " + request.getRequestURI() + " from "
                + clientAddresses.of(request), unexpected);
        metrics.requestRejected(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        ErrorResponses.sendReason(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "internal error");
    }

    private void log(HttpServletRequest request, ReceiverException rejected) {
        if (rejected instanceof StorageUnavailableException) {
            refusals.refused(Level.WARNING, () -> "Answered 503 to " + request.getMethod() + " "
                    + request.getRequestURI() + " from " + clientAddresses.of(request) + ": " + rejected.getMessage(),
                    rejected.getCause());
        } else {
            refusals.refused(Level.INFO, () -> "Refused " + request.getMethod() + " " + request.getRequestURI()
                    + " from " + clientAddresses.of(request) + ": " + rejected.getMessage(), null);
        }
    }
}
