package com.contactcenter.reports.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DestinationMaskingTest {

    @ParameterizedTest
    @CsvSource({
        "919876543210, 9198******10",
        "8618******1, 8618******1",
        "+5511987654321, +551********21",
    })
    void numberKeepsItsFirstFourAndLastTwoCharacters(String destination, String masked) {
        assertEquals(masked, DestinationMasking.mask(destination));
    }

    @ParameterizedTest
    @CsvSource({"98765, *****", "123456789, *********"})
    void shortValueIsMaskedWhole(String destination, String masked) {
        assertEquals(masked, DestinationMasking.mask(destination));
    }

    @Test
    void reportTextShowsNeitherTheDestinationNorTheRawBody() {
        String text = new StatusReport("gupshup", "1", "gs-1", null, "919876543210", "failed", null,
                Instant.parse("2026-11-25T10:00:00Z"), "1002", "customer 919876543210 unreachable",
                "{\"destination\":\"919876543210\"}").toString();
        assertFalse(text.contains("919876543210"), text);
        assertTrue(text.contains("destination=9198******10"), text);
    }
}
