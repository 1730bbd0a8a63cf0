package com.contactcenter.reports.metrics;

import com.contactcenter.reports.failure.AccessDeniedException;
import com.contactcenter.reports.failure.ErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Lets a scrape of {@code /metrics} through only for a user in the role of {@code reports.metrics-role}. The role is
 * a setting, which web.xml's security constraints cannot be, so the check is made here with the container's own
 * authentication (the login-config's HTTP Basic) and user store. Installed only when that setting names a role.
 */
final class MetricsAccessFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    private final String role;

    MetricsAccessFilter(String role) {
        this.role = role;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // Without valid credentials the container answers 401 with its challenge and authenticate() is false.
        if (!request.authenticate(response)) {
            return;
        }
        if (!request.isUserInRole(role)) {
            ErrorResponses.send(response, new AccessDeniedException("this user may not read the metrics"));
            return;
        }
        chain.doFilter(request, response);
    }
}
