package com.contactcenter.reports.failure;

import jakarta.json.spi.JsonProvider;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The one place where an exception becomes an HTTP status: a small JSON body {@code {"error": "reason"}} and the
 * headers a status needs. Thread-safe and stateless.
 */
public final class ErrorResponses {
    /** Gupshup waits "a brief interval" before it retries; five seconds keeps a retry well inside its patience. */
    public static final int RETRY_AFTER_SECONDS = 5;

    /** RFC 6585 section 4; the Servlet API has no constant for it. */
    public static final int TOO_MANY_REQUESTS = 429;

    // Looked up once: JsonProvider.provider() scans the class path on every call.
    private static final JsonProvider JSON = JsonProvider.provider();

    private ErrorResponses() {
    }

    public static int statusOf(ReceiverException exception) {
        if (exception instanceof InvalidRequestException) {
            return HttpServletResponse.SC_BAD_REQUEST;
        } else if (exception instanceof AuthenticationFailedException) {
            return HttpServletResponse.SC_UNAUTHORIZED;
        } else if (exception instanceof AccessDeniedException) {
            return HttpServletResponse.SC_FORBIDDEN;
        } else if (exception instanceof NotFoundException) {
            return HttpServletResponse.SC_NOT_FOUND;
        } else if (exception instanceof MethodNotAllowedException) {
            return HttpServletResponse.SC_METHOD_NOT_ALLOWED;
        } else if (exception instanceof RequestTimeoutException) {
            return HttpServletResponse.SC_REQUEST_TIMEOUT;
        } else if (exception instanceof PayloadTooLargeException) {
            return HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE;
        } else if (exception instanceof UnsupportedMediaTypeException) {
            return HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE;
        } else if (exception instanceof TooManyFailuresException) {
            return TOO_MANY_REQUESTS;
        } else if (exception instanceof StorageUnavailableException) {
            return HttpServletResponse.SC_SERVICE_UNAVAILABLE;
        }
        return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
    }

    public static void send(HttpServletResponse response, ReceiverException exception) throws IOException {
        int status = statusOf(exception);
        if (exception instanceof MethodNotAllowedException) {
            response.setHeader("Allow", ((MethodNotAllowedException) exception).allowedMethods());
        } else if (exception instanceof AuthenticationFailedException) {
            // RFC 9110 section 11.6.1: a 401 carries at least one challenge. The scheme names what Gupshup sends:
            // the channel's raw webhook password in the Authorization header.
            response.setHeader("WWW-Authenticate", "Webhook-Password realm=\"whatsapp-report-receiver\"");
        } else if (exception instanceof StorageUnavailableException) {
            response.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        } else if (exception instanceof TooManyFailuresException) {
            response.setHeader("Retry-After",
                    Long.toString(((TooManyFailuresException) exception).retryAfterSeconds()));
        } else if (exception instanceof RequestTimeoutException) {
            // RFC 9110 section 15.5.9: the rest of the body may still come, so the connection cannot carry another
            // request; the server SHOULD send "close".
            response.setHeader("Connection", "close");
        }
        sendReason(response, status, exception.getMessage());
    }

    /** Writes {@code {"error": reason}} with the status, replacing whatever the response held. */
    public static void sendReason(HttpServletResponse response, int status, String reason) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        sendJson(response, status, JSON.createObjectBuilder().add("error", reason).build().toString());
    }

    /**
     * Writes a JSON body with the status: UTF-8, its length declared, never cached (an answer about credentials,
     * health or a refusal is only true when it is made). Every JSON answer of the receiver goes through here.
     */
    public static void sendJson(HttpServletResponse response, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
