package com.contactcenter.reports.failure;

/** Too many failed authentications from this client or for this channel lately (429); carries when to retry. */
public final class TooManyFailuresException extends ReceiverException {
    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    public TooManyFailuresException(long retryAfterSeconds) {
        super("too many failed authentications; retry later");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The value of {@code Retry-After} (RFC 6585 section 4: a 429 MAY say how long to wait). */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
