package com.contactcenter.reports.health;

import com.contactcenter.reports.failure.ErrorResponses;
import com.contactcenter.reports.failure.MethodNotAllowedException;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * What both health endpoints share: they answer GET and HEAD only, with a small JSON body that is never cached, and
 * say nothing but UP or DOWN (no versions, hosts, settings or error texts).
 */
abstract class HealthServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String UP = "UP";
    static final String DOWN = "DOWN";

    // Looked up once: JsonProvider.provider() scans the class path on every call.
    static final JsonProvider JSON = JsonProvider.provider();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            ErrorResponses.send(response, new MethodNotAllowedException(method, "GET, HEAD"));
            return;
        }
        super.service(request, response);
    }

    static String state(boolean up) {
        return up ? UP : DOWN;
    }

    /** 200 when up, else 503, with the body; never cached, since a cached "UP" would hide what a probe is for. */
    static void send(HttpServletResponse response, boolean up, JsonObject body) throws IOException {
        ErrorResponses.sendJson(response, up ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                body.toString());
    }
}
