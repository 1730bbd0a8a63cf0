package com.contactcenter.reports.webhook;

import com.contactcenter.reports.channel.ChannelAddress;
import com.contactcenter.reports.channel.ChannelAuthenticator;
import com.contactcenter.reports.failure.AuthenticationFailedException;
import com.contactcenter.reports.failure.ErrorResponses;
import com.contactcenter.reports.failure.ReceiverException;
import com.contactcenter.reports.metrics.ReceiverMetrics;
import com.contactcenter.reports.startup.ReceiverComponents;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * Reads the channel from the webhook's path and lets a POST through only when its {@code Authorization} header is
 * the channel's webhook password. Other methods pass unauthenticated to the servlet, which refuses them with 405
 * before reading anything.
 */
// asyncSupported: the webhook servlet answers asynchronously, which a container allows only when every filter
// in the request's chain supports it.
@WebFilter(urlPatterns = "/on/*", asyncSupported = true)
public class WebhookAuthenticationFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(WebhookAuthenticationFilter.class.getName());
    private static final String AUTHORIZATION = "Authorization";

    private final transient RefusalLog refusals = new RefusalLog(LOG, System::nanoTime);
    private transient ChannelAuthenticator authenticator;
    private transient ClientAddresses clientAddresses;
    private transient ReceiverMetrics metrics;

    @Override
    public void init() {
        ReceiverComponents components = ReceiverComponents.of(getServletContext());
        authenticator = components.authenticator();
        clientAddresses = ClientAddresses.trusting(components.settings().trustedProxies());
        metrics = components.metrics();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String client = clientAddresses.of(request);
        try {
            ChannelAddress channel = WebhookPath.parse(request.getRequestURI(), request.getPathInfo());
            if ("POST".equals(request.getMethod())) {
                // The interface sends the raw password, with no "Basic" or "Bearer" scheme.
                if (!authenticator.authenticate(channel, request.getHeader(AUTHORIZATION), client)) {
                    metrics.authenticationFailed();
                    throw new AuthenticationFailedException("missing or wrong Authorization for this channel");
                }
                request.setAttribute(WebhookPath.AUTHENTICATED_CHANNEL, channel);
            }
        } catch (ReceiverException rejected) {
            refusals.refused(Level.INFO, () -> "Refused " + request.getMethod() + " " + request.getRequestURI()
                    + " from " + client + ": " + rejected.getMessage(), null);
            metrics.requestRejected(ErrorResponses.statusOf(rejected));
            RefusedBodies.discard(request, response);
            ErrorResponses.send(response, rejected);
            return;
        }
        chain.doFilter(request, response);
    }
}
