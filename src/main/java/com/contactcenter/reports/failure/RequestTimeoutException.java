package com.contactcenter.reports.failure;

/** The request body did not arrive completely within the time the receiver waits for it (408). */
public final class RequestTimeoutException extends ReceiverException {
    private static final long serialVersionUID = 1L;

    public RequestTimeoutException(String reason) {
        super(reason);
    }
}
