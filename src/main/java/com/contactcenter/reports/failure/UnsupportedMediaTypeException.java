package com.contactcenter.reports.failure;

/** The request body is not declared as JSON (415). */
public final class UnsupportedMediaTypeException extends ReceiverException {
    private static final long serialVersionUID = 1L;

    public UnsupportedMediaTypeException(String reason) {
        super(reason);
    }
}
