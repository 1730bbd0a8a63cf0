package com.contactcenter.reports.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contactcenter.reports.channel.ChannelAddress;
import com.contactcenter.reports.failure.InvalidRequestException;
import com.contactcenter.reports.report.StatusReport;
import com.contactcenter.reports.testing.Samples;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GupshupReportParserTest {
    private static final ChannelAddress CHANNEL = ChannelAddress.of("gupshup", "202105102694809992").orElseThrow();
    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final GupshupReportParser PARSER = new GupshupReportParser(JSONB, JsonProvider.provider(), true);

    @AfterAll
    static void closeJsonb() throws Exception {
        JSONB.close();
    }

    private static StatusReport report(String body) {
        return PARSER.parse(CHANNEL, body).orElseThrow();
    }

    private static String rejection(String body) {
        return assertThrows(InvalidRequestException.class, () -> PARSER.parse(CHANNEL, body)).getMessage();
    }

    @Test
    void interfaceExampleBecomesReportWithEveryField() {
        String body = Samples.body("interface-example");
        StatusReport report = report(body);
        assertEquals("gupshup", report.bsp());
        assertEquals("202105102694809992", report.channelId());
        assertEquals("7d047a97-c5b8-4f13-82cb-f68068d1a33a", report.gsId());
        assertNull(report.messageId());
        assertEquals("8618******1", report.destination());
        assertEquals("read", report.status());
        assertEquals(Instant.ofEpochSecond(1743075950), report.statusTime());
        assertEquals(Instant.ofEpochMilli(1743075951500L), report.reportTime());
        assertNull(report.errorCode());
        assertNull(report.errorReason());
        assertEquals(body, report.rawReport());
    }

    @ParameterizedTest
    @CsvSource({
        "enqueued, 59f8db90-c37e-4408-90ab-cc54ef8246ad, 59f8db90-c37e-4408-90ab-cc54ef8246ad, enqueued",
        "failed-by-gupshup, ee4a68a0-1203-4c85-8dc3-49d0b3226a35, ee4a68a0-1203-4c85-8dc3-49d0b3226a35, failed",
        "failed-by-whatsapp, 72f61f22-5aa4-4615-a970-943edf6da01c, 9163a016-710e-41ee-978b-79a1adbd734e, failed",
        "sent, ee4a68a0-1203-4c85-8dc3-49d0b3226a35, 59f8db90-c37e-4408-90ab-cc54ef8246ad, sent",
        "delivered, ee4a68a0-1203-4c85-8dc3-49d0b3226a35, gBEGkYaYVSEEAgnZxQ3JmKK6Wvg, delivered",
        "read, ee4a68a0-1203-4c85-8dc3-49d0b3226a35, gBEGkYaYVSEEAgnZxQ3JmKK6Wvg, read",
        "deleted, ABEGkZhngpgo-sJRwQ6dszYhU, ABEGkZhngpgo-sJRwQ6dszYhU, deleted",
    })
    void documentedSampleIsKeyedByGsIdElsePayloadId(String sample, String gsId, String messageId, String status) {
        StatusReport report = report(Samples.body(sample));
        assertEquals(gsId, report.gsId());
        assertEquals(messageId, report.messageId());
        assertEquals(status, report.status());
    }

    @Test
    void failureKeepsNumericCodeAsTextAndReason() {
        StatusReport report = report(Samples.body("failed-by-gupshup"));
        assertEquals("1008", report.errorCode());
        assertEquals("User is not Opted in and Inactive", report.errorReason());
        assertNull(report.statusTime());
    }

    @Test
    void emptyOrBlankOptionalTextIsRecordedAsAbsent() {
        StatusReport report = report(withDetails("{\"code\":\"\",\"reason\":\" \"}"));
        assertNull(report.errorCode());
        assertNull(report.errorReason());
    }

    @Test
    void stringCodeIsKeptAsSent() {
        assertEquals("E-131026", report(withDetails("{\"code\":\"E-131026\",\"reason\":\"x\"}")).errorCode());
    }

    @Test
    void tsAsStringIsAccepted() {
        assertEquals(Instant.ofEpochSecond(1592311836), report(withDetails("{\"ts\":\"1592311836\"}")).statusTime());
    }

    @Test
    void tsInMillisecondsIsRecognised() {
        assertEquals(Instant.ofEpochMilli(1592311836123L),
                report(withDetails("{\"ts\":1592311836123}")).statusTime());
    }

    @Test
    void timestampInSecondsIsRecognised() {
        assertEquals(Instant.ofEpochSecond(1743075951),
                report(envelope("1743075951", "message-event", payload("\"gsId\":\"g\",\"type\":\"read\"")))
                        .reportTime());
    }

    @Test
    void messageReportTypeIsAReportToo() {
        assertEquals("delivered", report(envelope("1743075951500", "message-report",
                payload("\"gsId\":\"g\",\"type\":\"delivered\""))).status());
    }

    @Test
    void unknownFutureStatusIsRecordedAsSent() {
        assertEquals("mismatch", report(envelope("1743075951500", "message-event",
                payload("\"gsId\":\"g\",\"type\":\"mismatch\""))).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"user-event", "platform-event"})
    void otherDocumentedEventKindsAreNotReports(String sample) {
        assertTrue(PARSER.parse(CHANNEL, Samples.body(sample)).isEmpty());
    }

    @Test
    void inboundMessageWithUnrelatedShapeIsNotAReport() {
        Optional<StatusReport> report = PARSER.parse(CHANNEL, "{\"type\":\"message\",\"payload\":"
                + "{\"id\":[1],\"type\":{\"text\":\"hi\"},\"payload\":\"text\"}}");
        assertTrue(report.isEmpty());
    }

    @Test
    void rawReportIsLeftOutWhenSwitchedOff() {
        GupshupReportParser withoutRaw = new GupshupReportParser(JSONB, JsonProvider.provider(), false);
        assertNull(withoutRaw.parse(CHANNEL, Samples.body("read")).orElseThrow().rawReport());
    }

    @Test
    void missingTimestampIsRefused() {
        assertEquals("timestamp is required",
                rejection("{\"type\":\"message-event\",\"payload\":" + payload("\"gsId\":\"g\",\"type\":\"read\"") + "}"));
    }

    @Test
    void missingTypeIsRefused() {
        assertEquals("type is required and must be a string", rejection("{\"timestamp\":1743075951500}"));
    }

    @Test
    void metaFormatCallbackIsRefusedWithAdvice() {
        assertTrue(rejection("{\"gs_app_id\":\"a\",\"object\":\"whatsapp_business_account\",\"entry\":[]}")
                .contains("v3"));
    }

    @Test
    void missingPayloadIsRefused() {
        assertEquals("payload is required",
                rejection("{\"timestamp\":1743075951500,\"type\":\"message-event\"}"));
    }

    @Test
    void missingStatusIsRefused() {
        assertEquals("payload.type is required",
                rejection(envelope("1743075951500", "message-event", payload("\"gsId\":\"g\""))));
    }

    @Test
    void missingDestinationIsRefused() {
        assertEquals("payload.destination is required", rejection(envelope("1743075951500", "message-event",
                "{\"gsId\":\"g\",\"type\":\"read\"}")));
    }

    @Test
    void missingBothMessageKeysIsRefused() {
        assertEquals("payload.gsId or payload.id is required", rejection(envelope("1743075951500",
                "message-event", payload("\"type\":\"read\""))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"timestamp\":{},\"type\":\"message-event\"}| timestamp must be a whole number",
        "{\"timestamp\":1.5,\"type\":\"message-event\"}| timestamp must be a whole number within range",
        "{\"timestamp\":\"soon\",\"type\":\"message-event\"}| timestamp must be a whole number within range",
        "{\"timestamp\":1e400,\"type\":\"message-event\"}| timestamp must be a whole number within range",
        "{\"timestamp\":1,\"type\":\"message-event\",\"payload\":[]}| payload must be an object",
        "{\"timestamp\":1,\"type\":\"message-event\",\"payload\":{\"gsId\":7}}| payload.gsId must be a string",
        "{\"timestamp\":1,\"type\":\"message-event\",\"payload\":{\"type\":true}}| payload.type must be a string",
        "{\"timestamp\":1,\"type\":\"message-event\",\"payload\":{\"payload\":\"x\"}}| payload.payload must be an object",
        "{\"timestamp\":1,\"type\":\"message-event\",\"payload\":{\"payload\":{\"ts\":[1]}}}| payload.payload.ts must be a whole number",
        "{\"timestamp\":1,\"type\":\"message-event\",\"payload\":{\"payload\":{\"code\":{}}}}| payload.payload.code must be a number or a string",
        "{\"timestamp\":1,\"type\":7}| type is required and must be a string",
    })
    void fieldOfWrongTypeIsRefusedByName(String body, String reason) {
        assertEquals(reason, rejection(body));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"type\":", "{\"type\":\"message-event\"", "nul", "{'type':1}", "{\"a\":1}}"})
    void malformedJsonIsRefused(String body) {
        assertEquals("body is not valid JSON", rejection(body));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"message-event\"", "42", "null"})
    void bodyOtherThanAnObjectIsRefused(String body) {
        assertEquals("body must be a JSON object", rejection(body));
    }

    @Test
    void somethingAfterTheObjectIsRefused() {
        assertEquals("body is not valid JSON",
                rejection(Samples.body("read") + " {}"));
    }

    @Test
    void repeatedNameIsRefused() {
        assertEquals("body repeats a name within one object",
                rejection("{\"type\":\"user-event\",\"type\":\"message-event\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1743075951500", "253402300800000"})
    void timestampOutOfRangeIsRefused(String timestamp) {
        assertEquals("timestamp is out of range",
                rejection(envelope(timestamp, "message-event", payload("\"gsId\":\"g\",\"type\":\"read\""))));
    }

    @Test
    void overlongGsIdIsRefused() {
        assertEquals("payload.gsId or payload.id is longer than 128 characters", rejection(envelope("1743075951500",
                "message-event", payload("\"gsId\":\"" + "g".repeat(129) + "\",\"type\":\"read\""))));
    }

    @Test
    void overlongReasonIsRefused() {
        assertEquals("payload.payload.reason is longer than 2000 characters",
                rejection(withDetails("{\"code\":1,\"reason\":\"" + "r".repeat(2001) + "\"}")));
    }

    @ParameterizedTest
    @ValueSource(ints = {65, 1000, 100_000})
    void nestingDeeperThanTheLimitIsRefused(int depth) {
        assertEquals("body is nested deeper than 64 levels",
                rejection(Samples.body("read").replace("\"app\":", "\"deep\":" + "[".repeat(depth - 1)
                        + "]".repeat(depth - 1) + ",\"app\":")));
    }

    @Test
    void nestingAtTheLimitIsAccepted() {
        // The envelope is the first level; 63 more arrays inside an unknown field reach 64.
        assertEquals("read", report(Samples.body("read").replace("\"app\":", "\"deep\":" + "[".repeat(63)
                + "]".repeat(63) + ",\"app\":")).status());
    }

    @Test
    void deeplyNestedObjectsAtTheTopAreRefused() {
        assertEquals("body is nested deeper than 64 levels", rejection("{\"a\":".repeat(100_000)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"app\":", "\"ts\":", "\"timestamp\":"})
    void numberLongerThanTheLimitIsRefusedWherever(String before) {
        assertEquals("body holds a number longer than 100 characters",
                rejection(Samples.body("read").replace(before, "\"n\":" + "9".repeat(101) + "," + before)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e2147483647", "-1e999999999", "0.1e-999999999", "1E-2147483647"})
    void hugeExponentIsRefusedWithoutWork(String ts) {
        String body = withDetails("{\"ts\":" + ts + "}");
        String reason = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> rejection(body));
        assertEquals("payload.payload.ts must be a whole number within range", reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e2147483648", "1E-2147483649", "-9e9999999999"})
    void exponentBeyondAnIntIsRefused(String number) {
        assertEquals("body holds a number out of range",
                rejection(Samples.body("read").replace("\"app\":", "\"n\":" + number + ",\"app\":")));
    }

    @Test
    void longStringOfDigitsIsRefusedWithoutWork() {
        String body = withDetails("{\"ts\":\"" + "9".repeat(60_000) + "\"}");
        String reason = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> rejection(body));
        assertEquals("payload.payload.ts must be a whole number within range", reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1592311836", "1592311836.0", "1.5e9", " 1592311836", "\\u0661\\u0665\\u0669\\u0662", ""})
    void tsAsStringOtherThanAsciiDigitsIsRefused(String ts) {
        assertEquals("payload.payload.ts must be a whole number within range",
                rejection(withDetails("{\"ts\":\"" + ts + "\"}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1592311836.000", "1.592311836E9", "15923118360e-1"})
    void tsAsWholeNumberInAnyJsonNotationIsAccepted(String ts) {
        assertEquals(Instant.ofEpochSecond(1592311836), report(withDetails("{\"ts\":" + ts + "}")).statusTime());
    }

    /** JSON escapes inside the values of read.json: a control character or half of a surrogate pair. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ee4a68a0-1203-4c85-8dc3-49d0b3226a35|ee4a68a0\\u0000|payload.gsId or payload.id must not contain control characters",
        "918x98xx21x4|918x98xx21x4\\u001b[2J|payload.destination must not contain control characters",
        "\"read\"|\"read\\n\"|payload.type must not contain control characters",
        "gBEGkYaYVSEEAgnZxQ3JmKK6Wvg|gBEGkYaYVSEEAgnZxQ3JmKK6Wvg\\u0085|payload.id must not contain control characters",
        "ee4a68a0-1203-4c85-8dc3-49d0b3226a35|ee4a68a0\\ud800|payload.gsId or payload.id must not contain unpaired surrogates",
        "918x98xx21x4|\\udc00918|payload.destination must not contain unpaired surrogates",
    })
    void escapedControlCharacterOrUnpairedSurrogateInAColumnIsRefusedNamingIt(String sent, String escaped,
            String reason) {
        assertEquals(reason, rejection(Samples.body("read").replace(sent, escaped)));
    }

    @Test
    void lineBreaksAndTabsInTheReasonAreKept() {
        assertEquals("first line\n\tsecond line\r\n",
                report(withDetails("{\"code\":1,\"reason\":\"first line\\n\\tsecond line\\r\\n\"}")).errorReason());
    }

    @Test
    void nulInTheReasonIsRefused() {
        assertEquals("payload.payload.reason must not contain control characters",
                rejection(withDetails("{\"code\":1,\"reason\":\"a\\u0000b\"}")));
    }

    @Test
    void surrogatePairIsKept() {
        assertEquals("lido \uD83D\uDC4D", report(withDetails("{\"reason\":\"lido \\ud83d\\udc4d\"}")).errorReason());
    }

    private static String payload(String fields) {
        return "{" + fields + ",\"destination\":\"918x98xx21x4\"}";
    }

    private static String envelope(String timestamp, String type, String payload) {
        return "{\"timestamp\":" + timestamp + ",\"type\":\"" + type + "\",\"payload\":" + payload + "}";
    }

    private static String withDetails(String details) {
        return envelope("1743075951500", "message-event",
                "{\"gsId\":\"g\",\"type\":\"failed\",\"destination\":\"918x98xx21x4\",\"payload\":" + details + "}");
    }
}
