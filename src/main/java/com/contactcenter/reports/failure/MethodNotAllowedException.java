package com.contactcenter.reports.failure;

/** The resource exists but does not answer this HTTP method (405); carries the methods it does answer. */
public final class MethodNotAllowedException extends ReceiverException {
    private static final long serialVersionUID = 1L;

    private final String allowedMethods;

    public MethodNotAllowedException(String method, String allowedMethods) {
        super("method " + method + " is not allowed here");
        this.allowedMethods = allowedMethods;
    }

    /** The value of the {@code Allow} header that RFC 9110 section 15.5.6 requires with a 405. */
    public String allowedMethods() {
        return allowedMethods;
    }
}
