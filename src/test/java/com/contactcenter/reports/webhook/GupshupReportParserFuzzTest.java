package com.contactcenter.reports.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.contactcenter.reports.channel.ChannelAddress;
import com.contactcenter.reports.failure.InvalidRequestException;
import com.contactcenter.reports.failure.PayloadTooLargeException;
import com.contactcenter.reports.report.StatusReport;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;

/**
 * Coverage-guided fuzzing (Jazzer) of everything that turns a body into a report: the size limit and strict UTF-8
 * of {@link JsonBodyReader}, then {@link GupshupReportParser}. Whatever the bytes, the outcome is a report that fits
 * its row, nothing (another event kind), or a refusal with a short reason; any other exception, or a report that
 * breaks a column's rule, is a finding.
 *
 * <p>In {@code mvn verify} this replays its seeds as a regression test: Gupshup's samples (copied from
 * {@code src/test/resources/gupshup} by the build) and the hostile ones in
 * {@code GupshupReportParserFuzzTestInputs}. {@code mvn test -P fuzz} fuzzes it for a bounded time; a crashing
 * input Jazzer finds lands in that folder and is replayed from then on.
 */
class GupshupReportParserFuzzTest {
    private static final ChannelAddress CHANNEL = ChannelAddress.of("gupshup", "202105102694809992").orElseThrow();
    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final GupshupReportParser PARSER = new GupshupReportParser(JSONB, JsonProvider.provider(), true);
    private static final JsonBodyReader READER = new JsonBodyReader(64 * 1024);
    /** The earliest and latest instants a report may carry (GupshupReportParser.time). */
    private static final Instant EARLIEST = Instant.ofEpochMilli(1);
    private static final Instant LATEST = Instant.ofEpochMilli(GupshupReportParser.LATEST_EPOCH_MILLISECOND);

    @AfterAll
    static void closeJsonb() throws Exception {
        JSONB.close();
    }

    @FuzzTest(maxDuration = "120s")
    void anyBodyBecomesAReportNothingOrABadRequest(byte[] body) {
        String text;
        try {
            text = JsonBodyReader.decodeUtf8(READER.readBytes(new ByteArrayInputStream(body)));
        } catch (InvalidRequestException | PayloadTooLargeException refused) {
            assertShortReason(refused.getMessage());
            // The parser sees the rest anyway, decoded leniently: it must hold up to any text, not only valid UTF-8.
            text = new String(body, StandardCharsets.UTF_8);
        }
        Optional<StatusReport> report;
        try {
            report = PARSER.parse(CHANNEL, text);
        } catch (InvalidRequestException refused) {
            assertShortReason(refused.getMessage());
            return;
        }
        if (report.isPresent()) {
            assertFitsItsRow(report.get(), text);
        }
    }

    private static void assertShortReason(String reason) {
        assertNotNull(reason);
        assertFalse(reason.isBlank());
        assertTrue(reason.length() <= 200, reason);
    }

    private static void assertFitsItsRow(StatusReport report, String body) {
        assertText(report.gsId(), StatusReport.MAX_GS_ID_LENGTH, false);
        assertText(report.destination(), StatusReport.MAX_DESTINATION_LENGTH, false);
        assertText(report.status(), StatusReport.MAX_STATUS_LENGTH, false);
        if (report.messageId() != null) {
            assertText(report.messageId(), StatusReport.MAX_MESSAGE_ID_LENGTH, false);
        }
        if (report.errorCode() != null) {
            assertText(report.errorCode(), StatusReport.MAX_ERROR_CODE_LENGTH, false);
        }
        if (report.errorReason() != null) {
            assertText(report.errorReason(), StatusReport.MAX_ERROR_REASON_LENGTH, true);
        }
        assertWithin(report.reportTime());
        if (report.statusTime() != null) {
            assertWithin(report.statusTime());
        }
        assertEquals(body, report.rawReport());
    }

    private static void assertText(String value, int maxLength, boolean freeText) {
        assertFalse(value.isBlank());
        assertTrue(value.length() <= maxLength, value);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            assertTrue(!Character.isISOControl(c) || freeText && (c == '\t' || c == '\n' || c == '\r'), value);
        }
        // Well-formed UTF-16 survives a round trip through UTF-8 unchanged; an unpaired surrogate would not.
        assertEquals(value, new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }

    private static void assertWithin(Instant time) {
        assertFalse(time.isBefore(EARLIEST), time::toString);
        assertFalse(time.isAfter(LATEST), time::toString);
    }
}
