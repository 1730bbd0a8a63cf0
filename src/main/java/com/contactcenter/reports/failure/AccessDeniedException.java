package com.contactcenter.reports.failure;

/** The caller is authenticated but lacks the role this resource requires (403). */
public final class AccessDeniedException extends ReceiverException {
    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String reason) {
        super(reason);
    }
}
