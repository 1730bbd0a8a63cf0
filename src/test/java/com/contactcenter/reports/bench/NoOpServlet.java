package com.contactcenter.reports.bench;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The container's ceiling: reads the body and answers 200 with an empty body, as the receiver does, and nothing
 * else. Deployed beside the receiver in the same Jetty by the {@code bench} profile.
 */
public class NoOpServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try (InputStream body = request.getInputStream()) {
            body.transferTo(OutputStream.nullOutputStream());
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentLength(0);
    }
}
