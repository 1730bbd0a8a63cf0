package com.contactcenter.reports.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/8", "127.0.0.1", "::1", "2001:db8::/32", "10.0.0.1, 192.168.0.0/16", ""})
    void addressesAndBlocksAreAccepted(String trustedProxies) {
        ClientAddresses.trusting(trustedProxies);
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy.example.com", "10.0.0.0/33", "10.0.0.0/x", "300.1.1.1/8x", "::1/129"})
    void otherEntriesAreRefusedByName(String trustedProxies) {
        assertEquals("'" + trustedProxies + "' is not an IP address or a CIDR block", assertThrows(
                IllegalArgumentException.class, () -> ClientAddresses.trusting(trustedProxies)).getMessage());
    }

    @Test
    void hostNameIsNeverLookedUp() {
        assertNull(ClientAddresses.literal("localhost"));
    }
}
