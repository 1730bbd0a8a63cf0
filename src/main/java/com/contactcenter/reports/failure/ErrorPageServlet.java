package com.contactcenter.reports.failure;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The error page of every status the container itself answers (an unknown path, a refused admin login, an
 * uncaught exception): a short JSON reason instead of the container's HTML page and its stack trace.
 */
@WebServlet(urlPatterns = "/error")
public class ErrorPageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (status == null && request.getDispatcherType() == DispatcherType.ERROR) {
            // Jetty 12 dispatches the 401 of its own authentication, when HttpServletRequest.authenticate asks for
            // it (the metrics' access check does), with the status attribute null: the response holds the status.
            status = response.getStatus();
        }
        if (!(status instanceof Integer)) {
            // Asked for directly rather than dispatched to by the container.
            ErrorResponses.sendReason(response, HttpServletResponse.SC_NOT_FOUND, "no such resource");
            return;
        }
        int code = (Integer) status;
        ErrorResponses.sendReason(response, code, reasonFor(code));
    }

    private static String reasonFor(int status) {
        switch (status) {
            case HttpServletResponse.SC_BAD_REQUEST:
                return "bad request";
            case HttpServletResponse.SC_UNAUTHORIZED:
                return "authentication required";
            case HttpServletResponse.SC_FORBIDDEN:
                return "forbidden";
            case HttpServletResponse.SC_NOT_FOUND:
                return "no such resource";
            case HttpServletResponse.SC_METHOD_NOT_ALLOWED:
                return "method not allowed";
            default:
                return status >= 500 ? "internal error" : "request refused";
        }
    }
}
