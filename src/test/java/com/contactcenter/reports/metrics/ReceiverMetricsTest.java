package com.contactcenter.reports.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The label values: bounded whatever a caller sends. */
class ReceiverMetricsTest {

    @ParameterizedTest
    @ValueSource(strings = {"enqueued", "sent", "delivered", "read", "failed", "deleted"})
    void documentedStatusIsItsOwnLabel(String status) {
        assertEquals(status, ReceiverMetrics.statusLabel(status));
    }

    @ParameterizedTest
    @ValueSource(strings = {"reaction-sent", "READ", "read ", "ee4a68a0-1203-4c85-8dc3-49d0b3226a35"})
    void anyOtherStatusIsLabelledOther(String status) {
        assertEquals("other", ReceiverMetrics.statusLabel(status));
    }

    @ParameterizedTest
    @CsvSource({"400, bad_request", "401, unauthorized", "413, payload_too_large", "415, unsupported_media_type",
        "429, too_many_requests", "503, service_unavailable", "418, other", "502, other"})
    void refusalIsLabelledWithItsStatusName(int status, String reason) {
        assertEquals(reason, ReceiverMetrics.reasonOf(status));
    }
}
