package com.contactcenter.reports.channel;

import java.time.Instant;

/**
 * A channel's password hashes as stored: the current one, and the previous one while a rotation's grace period
 * lasts (both null otherwise).
 */
public record StoredPasswords(String currentHash, String previousHash, Instant previousValidUntil) {

    /** True while the previous password is still accepted. */
    public boolean previousValidAt(Instant now) {
        return previousHash != null && previousValidUntil != null && now.isBefore(previousValidUntil);
    }
}
