package com.contactcenter.reports.bench;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The container's ceiling for an answer given after a hand-off, the least that any group commit needs: reads the
 * body like {@link NoOpServlet}, then hands the request to one other thread, which answers whatever has queued up
 * meanwhile with 200 and an empty body, and stores nothing. Each request costs what the no-op one does plus one
 * asynchronous answer from another thread; what it answers beyond that is what a receiver has left for parsing,
 * authentication and its row. Deployed at {@code /noop/handoff} by the {@code bench} profile.
 */
public class HandOffServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient BlockingQueue<AsyncContext> waiting = new LinkedBlockingQueue<>();
    private transient Thread answerer;

    @Override
    public void init() {
        answerer = new Thread(this::answerUntilStopped, "hand-off-answerer");
        answerer.setDaemon(true);
        answerer.start();
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try (InputStream body = request.getInputStream()) {
            body.transferTo(OutputStream.nullOutputStream());
        }
        AsyncContext answer = request.startAsync();
        answer.setTimeout(0);
        waiting.add(answer);
    }

    private void answerUntilStopped() {
        List<AsyncContext> batch = new ArrayList<>();
        try {
            while (true) {
                batch.add(waiting.take());
                waiting.drainTo(batch);
                for (AsyncContext answer : batch) {
                    HttpServletResponse response = (HttpServletResponse) answer.getResponse();
                    response.setStatus(HttpServletResponse.SC_OK);
                    response.setContentLength(0);
                    answer.complete();
                }
                batch.clear();
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void destroy() {
        answerer.interrupt();
    }
}
