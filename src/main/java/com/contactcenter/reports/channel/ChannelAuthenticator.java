package com.contactcenter.reports.channel;

import com.contactcenter.reports.failure.StorageUnavailableException;
import com.contactcenter.reports.failure.TooManyFailuresException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decides whether a presented webhook password is the channel's: the rule alone, with no servlet types.
 *
 * <p>The stored hash is slow on purpose (PBKDF2), so the request path must not pay for it on every call. The first
 * time a presented password matches a channel's stored hash, the authenticator remembers an HMAC of it under a key
 * that is random per process and never leaves memory; later requests cost one HMAC and a constant-time comparison.
 * Wrong passwords are remembered the same way, and only one slow verification runs per channel at a time, so a
 * stream of wrong passwords cannot keep the CPU busy. A channel's stored hash is read again after the refresh
 * interval, so a password rotated through another instance takes effect here within it.
 *
 * <p>Failed attempts are counted per client address and per channel. Past the limit, an attempt that is not the
 * channel's known password is refused with {@link TooManyFailuresException} before any slow hashing: one HMAC and
 * two map lookups, and no database read for a client over its limit. The channel's own password is never limited
 * once known here, and until it is (after a start or a rotation) a client that has not failed lately still gets its
 * slow verification, so a flood of wrong passwords cannot lock Gupshup out. Made-up channel ids are remembered
 * apart, a bounded number of them. While the database is away, channels are authenticated as last read. Thread-safe.
 */
public final class ChannelAuthenticator {
    /** Longer than any header a container accepts by default; refused before any hashing. */
    static final int MAX_PASSWORD_LENGTH = 1024;
    private static final int MAX_REMEMBERED_WRONG_PASSWORDS = 1024;
    private static final int MAX_TRACKED_CLIENTS = 100_000;
    private static final int MAX_TRACKED_CHANNELS = 100_000;
    /** Channel ids found absent are remembered for the refresh interval, at most this many: they are unbounded. */
    private static final int MAX_REMEMBERED_ABSENT_CHANNELS = 1024;
    private static final KnownChannel NO_SUCH_CHANNEL = new KnownChannel(null, 0, Set.of());
    private static final System.Logger LOG = System.getLogger(ChannelAuthenticator.class.getName());

    private final ChannelDao channels;
    private final PasswordHashing hashing;
    private final long refreshNanos;
    private final LongSupplier nanoClock;
    // Initialized once and never used itself: each digest works on a clone, since a Mac is not thread-safe (and a
    // ThreadLocal would pin this web app's class loader in the container's threads after an undeploy).
    private final Mac digestPrototype;
    // Channels that exist (bounded by the channel table); made-up ids are kept apart, in absentChannels.
    private final Map<ChannelAddress, KnownChannel> known = new ConcurrentHashMap<>();
    private final Map<ChannelAddress, Long> absentChannels = new ConcurrentHashMap<>();
    private final Semaphore slowVerifications =
            new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    private final FailureCounter failuresByClient;
    private final FailureCounter failuresByChannel;

    /**
     * @param failureLimit failed attempts allowed per client address and per channel in each window
     * @param failureWindowSeconds the length of that window
     */
    public ChannelAuthenticator(ChannelDao channels, PasswordHashing hashing, int refreshSeconds, int failureLimit,
            int failureWindowSeconds, LongSupplier nanoClock) {
        this.channels = channels;
        this.hashing = hashing;
        this.refreshNanos = refreshSeconds * 1_000_000_000L;
        this.nanoClock = nanoClock;
        this.digestPrototype = newMac();
        long windowNanos = failureWindowSeconds * 1_000_000_000L;
        this.failuresByClient = new FailureCounter(failureLimit, windowNanos, MAX_TRACKED_CLIENTS, nanoClock);
        this.failuresByChannel = new FailureCounter(failureLimit, windowNanos, MAX_TRACKED_CHANNELS, nanoClock);
    }

    /**
     * True when the channel exists and the password is its webhook password; false otherwise, unknown channels
     * included.
     *
     * @param clientAddress the caller's address, for counting its failures
     * @throws TooManyFailuresException when this attempt is not the channel's known password and the client or the
     *     channel has failed too often lately
     */
    public boolean authenticate(ChannelAddress address, String presentedPassword, String clientAddress) {
        if (presentedPassword == null || presentedPassword.isEmpty()
                || presentedPassword.length() > MAX_PASSWORD_LENGTH) {
            refuseWhenLimited(clientAddress, null);
            failuresByClient.recordFailure(clientAddress);
            return false;
        }
        byte[] digest = digest(presentedPassword);
        KnownChannel channel = current(address, clientAddress);
        boolean previousValid = channel.previousValid(nanoClock.getAsLong());
        if (channel.accepts(digest, previousValid)) {
            return true;
        }
        boolean unverified = channel.passwords != null
                && (channel.acceptedDigest == null || previousValid && channel.acceptedPreviousDigest == null);
        // Until this instance has seen the channel's password (after a start or a rotation), a flood of wrong ones
        // must not lock Gupshup out: a client that has not failed lately still gets its one slow verification.
        // Once the password is known here it passes before any limit, and the channel's limit applies to all.
        boolean channelLimitApplies = channel.passwords != null
                && !(unverified && !failuresByClient.hasFailures(clientAddress));
        refuseWhenLimited(clientAddress, channelLimitApplies ? address : null);
        boolean valid = unverified && verifySlowly(channel, presentedPassword, digest, previousValid);
        if (!valid) {
            failuresByClient.recordFailure(clientAddress);
            if (channel.passwords != null) {
                // Unknown channels are not counted by id: their ids are unbounded, their client is.
                failuresByChannel.recordFailure(address);
            }
        }
        return valid;
    }

    private void refuseWhenLimited(String clientAddress, ChannelAddress knownChannel) {
        long waitNanos = Math.max(failuresByClient.waitNanos(clientAddress),
                knownChannel == null ? 0 : failuresByChannel.waitNanos(knownChannel));
        if (waitNanos > 0) {
            throw new TooManyFailuresException(Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L));
        }
    }

    /**
     * Called after the admin API stored new passwords for a password it was given: no slow verification needed for
     * it.
     */
    public void remember(ChannelAddress address, StoredPasswords passwords, String password) {
        KnownChannel channel = new KnownChannel(passwords, nanoClock.getAsLong(), ConcurrentHashMap.newKeySet());
        channel.acceptedDigest = digest(password);
        known.put(address, channel);
    }

    /** Forgets what is known of the channel, so that its next request reads it from the database. */
    public void forget(ChannelAddress address) {
        known.remove(address);
        absentChannels.remove(address);
    }

    /** How many made-up channel ids are remembered as absent: bounded, however many are tried. */
    int rememberedAbsentChannels() {
        return absentChannels.size();
    }

    /**
     * What is known of the channel, read from the database when this instance has not read it within the refresh
     * interval. A client already over its failure limit causes no read of a channel not known here: one cycling
     * through made-up channel ids would otherwise cost a query per request. A known channel is read again whoever
     * asks (they are as many as the channel table's rows), so that its password passes for a client that failed on
     * another channel, as Gupshup's address does when one of its many channels is misconfigured.
     */
    private KnownChannel current(ChannelAddress address, String clientAddress) {
        long now = nanoClock.getAsLong();
        KnownChannel channel = known.get(address);
        if (channel != null && now - channel.loadedAtNanos < refreshNanos) {
            return channel;
        }
        if (channel == null) {
            Long absentSince = absentChannels.get(address);
            if (absentSince != null && now - absentSince < refreshNanos) {
                return NO_SUCH_CHANNEL;
            }
            refuseWhenLimited(clientAddress, null);
        }
        StoredPasswords passwords;
        try {
            passwords = channels.findPasswords(address).orElse(null);
        } catch (StorageUnavailableException unavailable) {
            if (channel == null) {
                throw unavailable;
            }
            // The database is away: keep authenticating with what was read before (the report itself is refused
            // with 503 by the writer meanwhile), and try again after the refresh interval, not on every request,
            // each of which would wait for the pool's connection timeout.
            LOG.log(Level.WARNING, "channel " + address + " could not be read again; its last known passwords stay in"
                    + " use: " + unavailable.getMessage());
            known.put(address, channel.readAgainAt(now));
            return channel;
        }
        if (passwords == null) {
            known.remove(address);
            if (absentChannels.size() >= MAX_REMEMBERED_ABSENT_CHANNELS) {
                absentChannels.clear();
            }
            absentChannels.put(address, now);
            return NO_SUCH_CHANNEL;
        }
        absentChannels.remove(address);
        KnownChannel fresh;
        if (channel != null && passwords.equals(channel.passwords)) {
            fresh = channel.readAgainAt(now);
        } else {
            fresh = new KnownChannel(passwords, now, ConcurrentHashMap.newKeySet());
        }
        known.put(address, fresh);
        return fresh;
    }

    /** Checks the password against the hashes not yet matched here, one channel at a time. */
    private boolean verifySlowly(KnownChannel channel, String presentedPassword, byte[] digest,
            boolean previousValid) {
        ByteBuffer key = ByteBuffer.wrap(digest);
        if (channel.rejectedDigests.contains(key)) {
            return false;
        }
        synchronized (channel) {
            if (channel.accepts(digest, previousValid)) {
                return true;
            }
            if (channel.rejectedDigests.contains(key)) {
                return false;
            }
            if (channel.acceptedDigest == null && slowlyMatches(presentedPassword, channel.passwords.currentHash())) {
                channel.acceptedDigest = digest;
                return true;
            }
            if (previousValid && channel.acceptedPreviousDigest == null
                    && slowlyMatches(presentedPassword, channel.passwords.previousHash())) {
                channel.acceptedPreviousDigest = digest;
                return true;
            }
            if (channel.rejectedDigests.size() >= MAX_REMEMBERED_WRONG_PASSWORDS) {
                channel.rejectedDigests.clear();
            }
            channel.rejectedDigests.add(key);
            return false;
        }
    }

    private boolean slowlyMatches(String password, String storedHash) {
        slowVerifications.acquireUninterruptibly();
        try {
            return hashing.verify(password, storedHash);
        } finally {
            slowVerifications.release();
        }
    }

    private byte[] digest(String password) {
        try {
            return ((Mac) digestPrototype.clone()).doFinal(PasswordHashing.bytesOf(password));
        } catch (CloneNotSupportedException impossible) {
            throw new IllegalStateException("HmacSHA256 cannot be cloned in this JVM", impossible);
        }
    }

    private static Mac newMac() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", unavailable);
        }
    }

    /** What this instance knows of one channel; null passwords mean "no such channel". */
    private static final class KnownChannel {
        final StoredPasswords passwords;
        final long loadedAtNanos;
        /** Until when the previous password is accepted, on the nano clock; 0 when it is not. */
        final long previousValidUntilNanos;
        final Set<ByteBuffer> rejectedDigests;
        volatile byte[] acceptedDigest;
        volatile byte[] acceptedPreviousDigest;

        KnownChannel(StoredPasswords passwords, long loadedAtNanos, Set<ByteBuffer> rejectedDigests) {
            this.passwords = passwords;
            this.loadedAtNanos = loadedAtNanos;
            this.rejectedDigests = rejectedDigests;
            Instant now = Instant.now();
            this.previousValidUntilNanos = passwords == null || !passwords.previousValidAt(now) ? 0
                    : loadedAtNanos + Duration.between(now, passwords.previousValidUntil()).toNanos();
        }

        /** The same passwords and what was verified of them, read again (or kept) at {@code nowNanos}. */
        KnownChannel readAgainAt(long nowNanos) {
            KnownChannel again = new KnownChannel(passwords, nowNanos, rejectedDigests);
            again.acceptedDigest = acceptedDigest;
            again.acceptedPreviousDigest = acceptedPreviousDigest;
            return again;
        }

        boolean previousValid(long nowNanos) {
            return previousValidUntilNanos != 0 && nowNanos - previousValidUntilNanos < 0;
        }

        /** True when the digest is of a password already verified here and still valid. */
        boolean accepts(byte[] digest, boolean previousValid) {
            byte[] accepted = acceptedDigest;
            byte[] acceptedPrevious = acceptedPreviousDigest;
            return accepted != null && MessageDigest.isEqual(accepted, digest)
                    || previousValid && acceptedPrevious != null && MessageDigest.isEqual(acceptedPrevious, digest);
        }
    }
}
