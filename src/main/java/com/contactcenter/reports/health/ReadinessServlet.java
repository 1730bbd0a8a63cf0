package com.contactcenter.reports.health;

import com.contactcenter.reports.startup.ReceiverComponents;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /health/ready}: 200 when reports can be taken now, else 503, with each check as UP or DOWN:
 * {@code {"status":"UP","checks":{"database":"UP","writer":"UP"}}}.
 */
@WebServlet(urlPatterns = "/health/ready")
public class ReadinessServlet extends HealthServlet {
    private static final long serialVersionUID = 1L;

    private transient ReadinessCheck readiness;

    @Override
    public void init() {
        readiness = ReceiverComponents.of(getServletContext()).readiness();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ReadinessCheck.Readiness state = readiness.check();
        send(response, state.ready(), JSON.createObjectBuilder()
                .add("status", state(state.ready()))
                .add("checks", JSON.createObjectBuilder()
                        .add("database", state(state.databaseAnswers()))
                        .add("writer", state(state.writerKeepsUp())))
                .build());
    }
}
