package com.contactcenter.reports.failure;

/**
 * Root of the receiver's exceptions; its message is a short reason that is safe to show to the caller.
 *
 * <p>Messages never carry a secret, a stack trace or a database error text: {@link ErrorResponses} sends them
 * verbatim.
 */
public abstract class ReceiverException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected ReceiverException(String reason) {
        super(reason, null, false, false);
    }

    protected ReceiverException(String reason, Throwable cause) {
        super(reason, cause, false, false);
    }
}
