package com.contactcenter.reports.failure;

/**
 * The database could not commit or answer (503). The cause is kept for the log, never shown to the caller:
 * Gupshup retries a report it did not see acknowledged, so refusing it loses nothing.
 */
public final class StorageUnavailableException extends ReceiverException {
    private static final long serialVersionUID = 1L;

    public StorageUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
