package com.contactcenter.reports.failure;

/** The addressed resource does not exist (404). */
public final class NotFoundException extends ReceiverException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String reason) {
        super(reason);
    }
}
