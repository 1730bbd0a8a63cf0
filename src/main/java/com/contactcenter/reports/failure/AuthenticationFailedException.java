package com.contactcenter.reports.failure;

/** The caller did not prove it knows the channel's webhook password (401). */
public final class AuthenticationFailedException extends ReceiverException {
    private static final long serialVersionUID = 1L;

    public AuthenticationFailedException(String reason) {
        super(reason);
    }
}
