package com.contactcenter.reports.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contactcenter.reports.failure.StorageUnavailableException;
import com.contactcenter.reports.failure.TooManyFailuresException;
import com.contactcenter.reports.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChannelAuthenticatorTest {
    private static final ChannelAddress CHANNEL = ChannelAddress.of("gupshup", "202105102694809992").orElseThrow();
    private static final String PASSWORD = "s3cret-webhook-pw";
    private static final int REFRESH_SECONDS = 10;
    private static final int FAILURE_LIMIT = 3;
    private static final int FAILURE_WINDOW_SECONDS = 60;
    private static final String CLIENT = "203.0.113.7";

    /** The real hashing, counting its slow verifications. */
    private static final class CountingHashing extends PasswordHashing {
        final AtomicInteger verifications = new AtomicInteger();

        @Override
        public boolean verify(String password, String storedHash) {
            verifications.incrementAndGet();
            return super.verify(password, storedHash);
        }
    }

    private TestDatabase database;
    private ChannelDao channels;
    private final CountingHashing hashing = new CountingHashing();
    private final AtomicLong nanos = new AtomicLong();
    private ChannelAuthenticator authenticator;

    @BeforeEach
    void createChannel() {
        database = TestDatabase.h2().migrated();
        channels = new ChannelDao(database.dataSource(), database.dialect(), Clock.systemUTC());
        channels.save(CHANNEL, hashing.hash(PASSWORD));
        authenticator = authenticatorAllowing(1_000);
    }

    private ChannelAuthenticator authenticatorAllowing(int failureLimit) {
        return new ChannelAuthenticator(channels, hashing, REFRESH_SECONDS, failureLimit, FAILURE_WINDOW_SECONDS,
                nanos::get);
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void channelPasswordIsAccepted() {
        assertTrue(authenticator.authenticate(CHANNEL, PASSWORD, CLIENT));
    }

    @Test
    void otherPasswordIsRefused() {
        assertFalse(authenticator.authenticate(CHANNEL, PASSWORD + "x", CLIENT));
    }

    @Test
    void passwordWithSchemeIsRefused() {
        assertFalse(authenticator.authenticate(CHANNEL, "Basic " + PASSWORD, CLIENT));
    }

    @Test
    void unknownChannelIsRefused() {
        assertFalse(authenticator.authenticate(ChannelAddress.of("gupshup", "999").orElseThrow(), PASSWORD, CLIENT));
    }

    @Test
    void missingEmptyOrHugePasswordIsRefusedWithoutHashing() {
        assertFalse(authenticator.authenticate(CHANNEL, null, CLIENT));
        assertFalse(authenticator.authenticate(CHANNEL, "", CLIENT));
        assertFalse(authenticator.authenticate(CHANNEL, "p".repeat(ChannelAuthenticator.MAX_PASSWORD_LENGTH + 1), CLIENT));
        assertEquals(0, hashing.verifications.get());
    }

    @Test
    void acceptedPasswordIsVerifiedSlowlyOnlyOnce() {
        for (int i = 0; i < 5; i++) {
            assertTrue(authenticator.authenticate(CHANNEL, PASSWORD, CLIENT));
        }
        assertEquals(1, hashing.verifications.get());
    }

    @Test
    void wrongPasswordsAfterAnAcceptedOneCostNoSlowVerification() {
        authenticator.authenticate(CHANNEL, PASSWORD, CLIENT);
        for (int i = 0; i < 5; i++) {
            assertFalse(authenticator.authenticate(CHANNEL, "wrong-" + i, CLIENT));
        }
        assertEquals(1, hashing.verifications.get());
    }

    @Test
    void repeatedWrongPasswordIsVerifiedSlowlyOnlyOnce() {
        for (int i = 0; i < 5; i++) {
            assertFalse(authenticator.authenticate(CHANNEL, "wrong-password", CLIENT));
        }
        assertEquals(1, hashing.verifications.get());
    }

    @Test
    void passwordRememberedWhenSetNeedsNoSlowVerification() {
        String hash = hashing.hash("new-password-123");
        channels.save(CHANNEL, hash);
        authenticator.remember(CHANNEL, channels.findPasswords(CHANNEL).orElseThrow(), "new-password-123");
        assertTrue(authenticator.authenticate(CHANNEL, "new-password-123", CLIENT));
        assertFalse(authenticator.authenticate(CHANNEL, PASSWORD, CLIENT));
        assertEquals(0, hashing.verifications.get());
    }

    @Test
    void passwordRotatedElsewhereTakesEffectAfterRefreshInterval() {
        assertTrue(authenticator.authenticate(CHANNEL, PASSWORD, CLIENT));
        channels.save(CHANNEL, hashing.hash("rotated-password"));

        nanos.addAndGet((REFRESH_SECONDS - 1) * 1_000_000_000L);
        assertTrue(authenticator.authenticate(CHANNEL, PASSWORD, CLIENT));

        nanos.addAndGet(2_000_000_000L);
        assertFalse(authenticator.authenticate(CHANNEL, PASSWORD, CLIENT));
        assertTrue(authenticator.authenticate(CHANNEL, "rotated-password", CLIENT));
    }

    @Test
    void clientOverTheFailureLimitIsToldToWaitWithoutSlowVerification() {
        ChannelAuthenticator authenticator = authenticatorAllowing(FAILURE_LIMIT);
        for (int i = 0; i < FAILURE_LIMIT; i++) {
            assertFalse(authenticator.authenticate(CHANNEL, "wrong-" + i, CLIENT));
        }
        int slowVerifications = hashing.verifications.get();
        TooManyFailuresException limited = assertThrows(TooManyFailuresException.class,
                () -> authenticator.authenticate(CHANNEL, "wrong-again", CLIENT));
        assertEquals(FAILURE_WINDOW_SECONDS, limited.retryAfterSeconds());
        assertEquals(slowVerifications, hashing.verifications.get());
    }

    @Test
    void channelPasswordStillPassesWhileItsChannelIsUnderAttack() {
        ChannelAuthenticator authenticator = authenticatorAllowing(FAILURE_LIMIT);
        assertTrue(authenticator.authenticate(CHANNEL, PASSWORD, "198.51.100.1"));
        for (int i = 0; i < FAILURE_LIMIT; i++) {
            assertFalse(authenticator.authenticate(CHANNEL, "wrong-" + i, "203.0.113." + i));
        }
        assertThrows(TooManyFailuresException.class,
                () -> authenticator.authenticate(CHANNEL, "wrong-from-a-fresh-address", "203.0.113.99"));
        assertTrue(authenticator.authenticate(CHANNEL, PASSWORD, CLIENT));
    }

    @Test
    void otherClientsAreNotLimitedForOneClientsFailures() {
        ChannelAuthenticator authenticator = authenticatorAllowing(FAILURE_LIMIT);
        ChannelAddress other = ChannelAddress.of("gupshup", "999").orElseThrow();
        for (int i = 0; i < FAILURE_LIMIT; i++) {
            assertFalse(authenticator.authenticate(other, "wrong-" + i, CLIENT));
        }
        assertTrue(authenticator.authenticate(CHANNEL, PASSWORD, "198.51.100.1"));
        assertFalse(authenticator.authenticate(CHANNEL, "wrong", "198.51.100.1"));
    }

    @Test
    void limitEndsWithItsWindow() {
        ChannelAuthenticator authenticator = authenticatorAllowing(FAILURE_LIMIT);
        for (int i = 0; i < FAILURE_LIMIT; i++) {
            authenticator.authenticate(CHANNEL, "wrong-" + i, CLIENT);
        }
        assertThrows(TooManyFailuresException.class, () -> authenticator.authenticate(CHANNEL, "wrong", CLIENT));
        nanos.addAndGet(FAILURE_WINDOW_SECONDS * 1_000_000_000L);
        assertTrue(authenticator.authenticate(CHANNEL, PASSWORD, CLIENT));
    }

    @Test
    void previousPasswordIsAcceptedDuringTheGraceOfARotation() {
        assertTrue(authenticator.authenticate(CHANNEL, PASSWORD, CLIENT));
        channels.save(CHANNEL, hashing.hash("rotated-password"), Duration.ofMinutes(10));
        authenticator.forget(CHANNEL);
        assertTrue(authenticator.authenticate(CHANNEL, "rotated-password", CLIENT));
        assertTrue(authenticator.authenticate(CHANNEL, PASSWORD, CLIENT));
        assertFalse(authenticator.authenticate(CHANNEL, "neither-password", CLIENT));
    }

    @Test
    void previousPasswordIsRefusedOnceTheGraceHasPassed() {
        channels.save(CHANNEL, hashing.hash("rotated-password"), Duration.ofMinutes(10));
        // Read once and kept: the grace is measured on the test's clock, not on the wall clock of a new read.
        ChannelAuthenticator authenticator = new ChannelAuthenticator(channels, hashing, 3600, 1_000,
                FAILURE_WINDOW_SECONDS, nanos::get);
        assertTrue(authenticator.authenticate(CHANNEL, PASSWORD, CLIENT));
        nanos.addAndGet(Duration.ofMinutes(10).toNanos());
        assertFalse(authenticator.authenticate(CHANNEL, PASSWORD, CLIENT));
        assertTrue(authenticator.authenticate(CHANNEL, "rotated-password", CLIENT));
    }

    @Test
    void rotationWithoutGraceRefusesThePreviousPasswordAtOnce() {
        channels.save(CHANNEL, hashing.hash("rotated-password"));
        authenticator.forget(CHANNEL);
        assertFalse(authenticator.authenticate(CHANNEL, PASSWORD, CLIENT));
    }

    @Test
    void forgottenChannelIsReadAgain() {
        assertTrue(authenticator.authenticate(CHANNEL, PASSWORD, CLIENT));
        channels.delete(CHANNEL);
        authenticator.forget(CHANNEL);
        assertFalse(authenticator.authenticate(CHANNEL, PASSWORD, CLIENT));
    }

    @Test
    void passwordNotYetVerifiedHerePassesForAClientWithoutFailuresWhileItsChannelIsOverTheLimit() {
        ChannelAuthenticator authenticator = authenticatorAllowing(FAILURE_LIMIT);
        for (int i = 0; i < FAILURE_LIMIT; i++) {
            assertFalse(authenticator.authenticate(CHANNEL, "wrong-" + i, "203.0.113." + i));
        }
        assertTrue(authenticator.authenticate(CHANNEL, PASSWORD, CLIENT));
    }

    @Test
    void clientThatFailedIsLimitedByItsChannelBeforeThePasswordIsVerifiedHere() {
        ChannelAuthenticator authenticator = authenticatorAllowing(FAILURE_LIMIT);
        for (int i = 0; i < FAILURE_LIMIT; i++) {
            assertFalse(authenticator.authenticate(CHANNEL, "wrong-" + i, "203.0.113." + i));
        }
        assertThrows(TooManyFailuresException.class,
                () -> authenticator.authenticate(CHANNEL, PASSWORD, "203.0.113.0"));
    }

    @Test
    void clientOverItsLimitCausesNoChannelReadForAnotherMadeUpId() throws SQLException {
        ChannelAuthenticator authenticator = authenticatorAllowing(FAILURE_LIMIT);
        for (int i = 0; i < FAILURE_LIMIT; i++) {
            assertFalse(authenticator.authenticate(ChannelAddress.of("gupshup", "9" + i).orElseThrow(), PASSWORD,
                    CLIENT));
        }
        makeChannelTableUnreadable();
        // A read would fail with StorageUnavailableException; the limit answers first.
        assertThrows(TooManyFailuresException.class, () -> authenticator.authenticate(
                ChannelAddress.of("gupshup", "999999").orElseThrow(), PASSWORD, CLIENT));
    }

    @Test
    void knownPasswordPassesAfterTheRefreshIntervalForAClientOverItsLimit() {
        ChannelAuthenticator authenticator = authenticatorAllowing(FAILURE_LIMIT);
        assertTrue(authenticator.authenticate(CHANNEL, PASSWORD, CLIENT));
        ChannelAddress misconfigured = ChannelAddress.of("gupshup", "999").orElseThrow();
        for (int i = 0; i < FAILURE_LIMIT; i++) {
            assertFalse(authenticator.authenticate(misconfigured, "wrong-" + i, CLIENT));
        }
        nanos.addAndGet(REFRESH_SECONDS * 1_000_000_000L);
        assertTrue(authenticator.authenticate(CHANNEL, PASSWORD, CLIENT));
    }

    @Test
    void madeUpChannelIdsAreRememberedInBoundedNumber() {
        for (int i = 0; i < 5_000; i++) {
            assertFalse(authenticator.authenticate(ChannelAddress.of("gupshup", "7" + i).orElseThrow(), PASSWORD,
                    "198.51.100." + (i % 200)));
        }
        assertTrue(authenticator.rememberedAbsentChannels() <= 1024, authenticator.rememberedAbsentChannels() + "");
    }

    @Test
    void channelIsAuthenticatedAsLastReadWhileTheDatabaseIsAway() throws SQLException {
        assertTrue(authenticator.authenticate(CHANNEL, PASSWORD, CLIENT));
        makeChannelTableUnreadable();
        nanos.addAndGet(REFRESH_SECONDS * 1_000_000_000L);
        assertTrue(authenticator.authenticate(CHANNEL, PASSWORD, CLIENT));
        assertFalse(authenticator.authenticate(CHANNEL, "wrong", CLIENT));
    }

    @Test
    void channelNeverReadIsUnavailableWhileTheDatabaseIsAway() throws SQLException {
        makeChannelTableUnreadable();
        assertThrows(StorageUnavailableException.class, () -> authenticator.authenticate(CHANNEL, PASSWORD, CLIENT));
    }

    /** A real failure of the channel store's query, as a database that went away would give. */
    private void makeChannelTableUnreadable() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement rename = connection.createStatement()) {
            rename.execute("ALTER TABLE whatsapp_channel RENAME TO whatsapp_channel_away");
        }
    }
}
