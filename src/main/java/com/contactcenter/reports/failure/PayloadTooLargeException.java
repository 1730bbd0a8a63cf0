package com.contactcenter.reports.failure;

/** The request body is over the configured limit (413). */
public final class PayloadTooLargeException extends ReceiverException {
    private static final long serialVersionUID = 1L;

    public PayloadTooLargeException(String reason) {
        super(reason);
    }
}
