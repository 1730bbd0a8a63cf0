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
import java.nio.charset.StandardCharsets;

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

    /** 200 when up, else 503, with the body. */
    static void send(HttpServletResponse response, boolean up, JsonObject body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(up ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        // A cached "UP" would hide the change a probe is there to see.
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
