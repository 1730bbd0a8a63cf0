package com.contactcenter.reports.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contactcenter.reports.testing.TestDatabase;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChannelAuthenticatorTest {
    private static final ChannelAddress CHANNEL = ChannelAddress.of("gupshup", "202105102694809992").orElseThrow();
    private static final String PASSWORD = "s3cret-webhook-pw";
    private static final int REFRESH_SECONDS = 10;

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
        authenticator = new ChannelAuthenticator(channels, hashing, REFRESH_SECONDS, nanos::get);
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void channelPasswordIsAccepted() {
        assertTrue(authenticator.authenticate(CHANNEL, PASSWORD));
    }

    @Test
    void otherPasswordIsRefused() {
        assertFalse(authenticator.authenticate(CHANNEL, PASSWORD + "x"));
    }

    @Test
    void passwordWithSchemeIsRefused() {
        assertFalse(authenticator.authenticate(CHANNEL, "Basic " + PASSWORD));
    }

    @Test
    void unknownChannelIsRefused() {
        assertFalse(authenticator.authenticate(ChannelAddress.of("gupshup", "999").orElseThrow(), PASSWORD));
    }

    @Test
    void missingEmptyOrHugePasswordIsRefusedWithoutHashing() {
        assertFalse(authenticator.authenticate(CHANNEL, null));
        assertFalse(authenticator.authenticate(CHANNEL, ""));
        assertFalse(authenticator.authenticate(CHANNEL, "p".repeat(ChannelAuthenticator.MAX_PASSWORD_LENGTH + 1)));
        assertEquals(0, hashing.verifications.get());
    }

    @Test
    void acceptedPasswordIsVerifiedSlowlyOnlyOnce() {
        for (int i = 0; i < 5; i++) {
            assertTrue(authenticator.authenticate(CHANNEL, PASSWORD));
        }
        assertEquals(1, hashing.verifications.get());
    }

    @Test
    void wrongPasswordsAfterAnAcceptedOneCostNoSlowVerification() {
        authenticator.authenticate(CHANNEL, PASSWORD);
        for (int i = 0; i < 5; i++) {
            assertFalse(authenticator.authenticate(CHANNEL, "wrong-" + i));
        }
        assertEquals(1, hashing.verifications.get());
    }

    @Test
    void repeatedWrongPasswordIsVerifiedSlowlyOnlyOnce() {
        for (int i = 0; i < 5; i++) {
            assertFalse(authenticator.authenticate(CHANNEL, "wrong-password"));
        }
        assertEquals(1, hashing.verifications.get());
    }

    @Test
    void passwordRememberedWhenSetNeedsNoSlowVerification() {
        String hash = hashing.hash("new-password-123");
        channels.save(CHANNEL, hash);
        authenticator.remember(CHANNEL, hash, "new-password-123");
        assertTrue(authenticator.authenticate(CHANNEL, "new-password-123"));
        assertFalse(authenticator.authenticate(CHANNEL, PASSWORD));
        assertEquals(0, hashing.verifications.get());
    }

    @Test
    void passwordRotatedElsewhereTakesEffectAfterRefreshInterval() {
        assertTrue(authenticator.authenticate(CHANNEL, PASSWORD));
        channels.save(CHANNEL, hashing.hash("rotated-password"));

        nanos.addAndGet((REFRESH_SECONDS - 1) * 1_000_000_000L);
        assertTrue(authenticator.authenticate(CHANNEL, PASSWORD));

        nanos.addAndGet(2_000_000_000L);
        assertFalse(authenticator.authenticate(CHANNEL, PASSWORD));
        assertTrue(authenticator.authenticate(CHANNEL, "rotated-password"));
    }

    @Test
    void forgottenChannelIsReadAgain() {
        assertTrue(authenticator.authenticate(CHANNEL, PASSWORD));
        channels.delete(CHANNEL);
        authenticator.forget(CHANNEL);
        assertFalse(authenticator.authenticate(CHANNEL, PASSWORD));
    }
}
