package com.contactcenter.reports.channel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHashingTest {
    private final PasswordHashing hashing = new PasswordHashing();

    @Test
    void passwordVerifiesAgainstItsHash() {
        assertTrue(hashing.verify("s3cret-webhook-pw", hashing.hash("s3cret-webhook-pw")));
    }

    @Test
    void otherPasswordDoesNotVerify() {
        assertFalse(hashing.verify("s3cret-webhook-pX", hashing.hash("s3cret-webhook-pw")));
    }

    @Test
    void samePasswordHashesDifferentlyEachTime() {
        assertNotEquals(hashing.hash("s3cret-webhook-pw"), hashing.hash("s3cret-webhook-pw"));
    }

    @Test
    void hashNamesAlgorithmAndIterationsAndHoldsNoPassword() {
        String hash = hashing.hash("s3cret-webhook-pw");
        assertTrue(hash.startsWith("pbkdf2-sha256$600000$"), hash);
        assertFalse(hash.contains("s3cret"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "pbkdf2-sha256$x$AAAA$AAAA", "pbkdf2-sha256$99999999$AAAA$AAAA",
        "pbkdf2-sha256$0$AAAA$AAAA", "md5$1$AAAA$AAAA", "pbkdf2-sha256$1000$!!$AAAA"})
    void malformedStoredHashVerifiesNothing(String storedHash) {
        assertFalse(hashing.verify("s3cret-webhook-pw", storedHash));
    }
}
