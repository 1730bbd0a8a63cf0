package com.contactcenter.reports.failure;

/** The request is well addressed but its body or parameters are not acceptable (400). */
public final class InvalidRequestException extends ReceiverException {
    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String reason) {
        super(reason);
    }
}
