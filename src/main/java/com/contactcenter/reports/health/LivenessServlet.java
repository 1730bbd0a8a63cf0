package com.contactcenter.reports.health;

import com.contactcenter.reports.report.ReportWriter;
import com.contactcenter.reports.startup.ReceiverComponents;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /health/live}: 200 {@code {"status":"UP"}} while the receiver runs, whatever the database does; 503
 * only when the writer thread is gone, which no wait can mend and a restart does. The database is readiness's
 * concern: restarting the receiver never brings a database back.
 */
@WebServlet(urlPatterns = "/health/live")
public class LivenessServlet extends HealthServlet {
    private static final long serialVersionUID = 1L;

    private transient ReportWriter writer;

    @Override
    public void init() {
        writer = ReceiverComponents.of(getServletContext()).reports();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean live = writer.isRunning();
        send(response, live, JSON.createObjectBuilder().add("status", state(live)).build());
    }
}
