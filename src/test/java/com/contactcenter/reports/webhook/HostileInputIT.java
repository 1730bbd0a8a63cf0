package com.contactcenter.reports.webhook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.contactcenter.reports.testing.ReceiverOverHttp;
import com.contactcenter.reports.testing.ReceiverServer;
import com.contactcenter.reports.testing.Samples;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The classes of hostile input over real HTTP (README.md, "Hostile input and limits"): each gets a precise status
 * and short reason, never a 5xx, and never a row. Bodies go through the JDK's HTTP client; what a well-behaved client
 * cannot send (lying framing, odd paths, stalls) goes over a raw socket.
 */
class HostileInputIT extends ReceiverOverHttp {
    private static final String CHANNEL = "202105102694809992";
    private static final String PASSWORD = "s3cret-webhook-pw";
    private static final String READ = Samples.body("read");
    private static final String WEBHOOK = "/social/on/whatsapp/gupshup/message/" + CHANNEL;

    @BeforeEach
    void createChannel() {
        assertEquals(201, server.putChannel(CHANNEL, PASSWORD).statusCode());
    }

    private long reportRows() {
        return database.count("SELECT COUNT(*) FROM message_report");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    private static String error(String reason) {
        return "{\"error\":\"" + reason + "\"}";
    }

    // ---------------------------------------------------------------- bodies

    static Stream<Arguments> badBodies() {
        String withTs = READ.replace("\"ts\":1585344602", "\"ts\":TS");
        return Stream.of(
            // Truncated and invalid JSON
            arguments("truncated JSON", utf8(READ.substring(0, READ.length() / 2)), 400, "body is not valid JSON"),
            arguments("truncated in an escape", utf8("{\"type\":\"message-event\",\"x\":\"\\u00"), 400,
                    "body is not valid JSON"),
            arguments("two JSON values", utf8(READ + READ), 400, "body is not valid JSON"),
            arguments("single quotes", utf8(READ.replace('"', '\'')), 400, "body is not valid JSON"),
            arguments("trailing comma", utf8(READ.replace("}}}", "},}}")), 400, "body is not valid JSON"),
            arguments("a comment", utf8("/* report */" + READ), 400, "body is not valid JSON"),
            arguments("whitespace only", utf8(" \r\n\t "), 400, "body is not valid JSON"),
            arguments("empty body", new byte[0], 400, "body is empty"),
            // Invalid UTF-8 (RFC 8259 section 8.1, RFC 3629 section 3)
            arguments("a Latin-1 byte", READ.replace("918x98xx21x4", "86\u00e38").getBytes(StandardCharsets.ISO_8859_1),
                    400, "body is not valid UTF-8"),
            arguments("an overlong encoding of '/'", concat(utf8("{\"type\":\""), new byte[] {(byte) 0xC0, (byte) 0xAF},
                    utf8("\"}")), 400, "body is not valid UTF-8"),
            arguments("a UTF-8-encoded surrogate", concat(utf8("{\"type\":\""),
                    new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, utf8("\"}")), 400, "body is not valid UTF-8"),
            arguments("UTF-16 with a byte order mark", concat(new byte[] {(byte) 0xFE, (byte) 0xFF},
                    READ.getBytes(StandardCharsets.UTF_16BE)), 400, "body is not valid UTF-8"),
            arguments("a UTF-8 byte order mark", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(READ)),
                    400, "body is not valid JSON"),
            // Control characters: raw ones are not JSON (RFC 8259 section 7), escaped ones are not storable
            arguments("a raw NUL in a string", utf8(READ.replace("918x98xx21x4", "918\u0000")), 400,
                    "body is not valid JSON"),
            arguments("a raw control character in a string", utf8(READ.replace("918x98xx21x4", "918\u0001")), 400,
                    "body is not valid JSON"),
            arguments("an escaped NUL in gsId", utf8(READ.replace("ee4a68a0-1203", "ee4a68a0\\u0000-1203")), 400,
                    "payload.gsId or payload.id must not contain control characters"),
            arguments("an escaped ESC in destination", utf8(READ.replace("918x98xx21x4", "\\u001b[2J918")), 400,
                    "payload.destination must not contain control characters"),
            arguments("an escaped unpaired surrogate in gsId", utf8(READ.replace("ee4a68a0-1203", "ee4a68a0\\ud800")),
                    400, "payload.gsId or payload.id must not contain unpaired surrogates"),
            // Huge numbers
            arguments("a huge exponent in timestamp", utf8(READ.replace("1585344602933", "1e999999999")), 400,
                    "timestamp must be a whole number within range"),
            arguments("an exponent beyond an int", utf8(withTs.replace("TS", "1e2147483648")), 400,
                    "body holds a number out of range"),
            arguments("a 10,000-digit number in an ignored field", utf8(READ.replace("\"version\":2",
                    "\"version\":" + "9".repeat(10_000))), 400, "body holds a number longer than 100 characters"),
            arguments("a 60,000-digit ts in a string", utf8(withTs.replace("TS", "\"" + "9".repeat(60_000) + "\"")),
                    400, "payload.payload.ts must be a whole number within range"),
            arguments("a fractional ts", utf8(withTs.replace("TS", "1585344602.5")), 400,
                    "payload.payload.ts must be a whole number within range"),
            arguments("a negative timestamp", utf8(READ.replace("1585344602933", "-1585344602933")), 400,
                    "timestamp is out of range"),
            // Deep nesting
            // (as deep as fits the 64 KiB limit; the parser's own test goes to 100,000 levels)
            arguments("60,000 nested arrays", utf8("[".repeat(60_000)), 400, "body is nested deeper than 64 levels"),
            arguments("10,000 nested objects in the payload", utf8(READ.replace("\"payload\":{\"ts\"",
                    "\"deep\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + ",\"payload\":{\"ts\"")),
                    400, "body is nested deeper than 64 levels"),
            // Duplicate keys
            arguments("a repeated name",
                    utf8(READ.replace("\"type\":\"read\"", "\"type\":\"read\",\"type\":\"failed\"")), 400,
                    "body repeats a name within one object"),
            // Nulls
            arguments("a null type", utf8(READ.replace("\"message-event\"", "null")), 400,
                    "type is required and must be a string"),
            arguments("a null timestamp", utf8(READ.replace("1585344602933", "null")), 400, "timestamp is required"),
            arguments("a null payload",
                    utf8("{\"timestamp\":1585344602933,\"type\":\"message-event\",\"payload\":null}"), 400,
                    "payload is required"),
            arguments("a null status", utf8(READ.replace("\"read\"", "null")), 400, "payload.type is required"),
            arguments("null gsId and id", utf8(READ.replace("\"gBEGkYaYVSEEAgnZxQ3JmKK6Wvg\"", "null")
                    .replace("\"ee4a68a0-1203-4c85-8dc3-49d0b3226a35\"", "null")), 400,
                    "payload.gsId or payload.id is required"),
            // Arrays where objects belong
            arguments("an array for the body", utf8("[" + READ + "]"), 400, "body must be a JSON object"),
            arguments("an array for payload", utf8(READ.replace("\"payload\":{\"id\"", "\"payload\":[{\"id\"")
                    .replace("}}}", "}}]}")), 400, "payload must be an object"),
            arguments("an array for payload.payload", utf8(withTs.replace("{\"ts\":TS}", "[{\"ts\":1585344602}]")), 400,
                    "payload.payload must be an object"),
            arguments("an array for gsId", utf8(READ.replace("\"ee4a68a0-1203-4c85-8dc3-49d0b3226a35\"", "[\"e\"]")),
                    400, "payload.gsId must be a string"),
            arguments("an object for timestamp", utf8(READ.replace("1585344602933", "{}")), 400,
                    "timestamp must be a whole number"),
            // Over-long strings
            arguments("a 129-character gsId",
                    utf8(READ.replace("ee4a68a0-1203-4c85-8dc3-49d0b3226a35", "g".repeat(129))), 400,
                    "payload.gsId or payload.id is longer than 128 characters"),
            arguments("a 65-character destination", utf8(READ.replace("918x98xx21x4", "9".repeat(65))), 400,
                    "payload.destination is longer than 64 characters"),
            arguments("a 33-character status", utf8(READ.replace("\"read\"", "\"" + "r".repeat(33) + "\"")), 400,
                    "payload.type is longer than 32 characters"),
            arguments("a string over the body limit", utf8(READ.replace("DemoAPI", "x".repeat(65_536))), 413,
                    "body is larger than 65536 bytes"));
    }

    /** One receiver for the whole table, since none of it may write a row: each case checks that none did. */
    @TestFactory
    Stream<DynamicTest> badBodyIsRefusedPreciselyAndStoresNothing() {
        return badBodies().map(Arguments::get).map(bad -> dynamicTest((String) bad[0], () -> {
            HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.webhook(CHANNEL))
                    .header("Content-Type", "application/json").header("Authorization", PASSWORD)
                    .POST(HttpRequest.BodyPublishers.ofByteArray((byte[]) bad[1])).build());
            assertEquals(bad[2], response.statusCode(), response.body());
            assertEquals(error((String) bad[3]), response.body());
            assertEquals(0, reportRows());
        }));
    }

    // ---------------------------------------------------------------- stored literally

    @Test
    void sqlAndHtmlMetacharactersAndUnicodeAreStoredAsSent() {
        Map<String, String> sent = new LinkedHashMap<>();
        sent.put("gs_id", "'; DROP TABLE message_report; --");
        sent.put("message_id", "1' OR '1'='1\" OR \"1\"=\"1");
        sent.put("destination", "<script>alert('x')</script>&amp;");
        sent.put("status", "read\\\"><img src=x>");
        sent.put("error_code", "${jndi:ldap://x/a}%s%n");
        sent.put("error_reason",
                "n\u00e3o lido \u2713 \uD83D\uDE00 \u4E2D\u6587 \u202Eevil\u202C ` \\ /* */ -- ;\n\ttab");
        String body = JsonProvider.provider().createObjectBuilder()
                .add("timestamp", 1585344602933L).add("type", "message-event")
                .add("payload", JsonProvider.provider().createObjectBuilder()
                        .add("id", sent.get("message_id")).add("gsId", sent.get("gs_id"))
                        .add("type", sent.get("status")).add("destination", sent.get("destination"))
                        .add("payload", JsonProvider.provider().createObjectBuilder()
                                .add("code", sent.get("error_code")).add("reason", sent.get("error_reason"))))
                .build().toString();

        assertEquals(200, server.postReport(CHANNEL, PASSWORD, body).statusCode());
        Map<String, Object> row = database.rows("SELECT gs_id, message_id, destination, status, error_code,"
                + " error_reason, raw_report FROM message_report").get(0);
        sent.forEach((column, value) -> assertEquals(value, row.get(column), column));
        assertArrayEquals(utf8(body), utf8((String) row.get("raw_report")));
    }

    @Test
    void jsonEscapesAreDecodedInColumnsAndKeptAsSentInRawReport() {
        String body = READ.replace("918x98xx21x4", "\\u003cb\\u003e86\\u00e3\\ud83d\\ude00");
        assertEquals(200, server.postReport(CHANNEL, PASSWORD, body).statusCode());
        Map<String, Object> row = database.rows("SELECT destination, raw_report FROM message_report").get(0);
        assertEquals("<b>86\u00e3\uD83D\uDE00", row.get("destination"));
        assertEquals(body, row.get("raw_report"));
    }

    // ---------------------------------------------------------------- raw HTTP

    /** A response as it came off the wire: status, headers in lower case, body, and when it came. */
    private record Answer(int status, Map<String, String> headers, String body, Duration after) {
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.uri("").getPort());
        // A safety net only: every test here expects its answer well within it.
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static String head(String requestLine, String... headers) {
        StringBuilder head = new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    private static String post(String... headers) {
        String[] withAuthorization = new String[headers.length + 1];
        withAuthorization[0] = "Authorization: " + PASSWORD;
        System.arraycopy(headers, 0, withAuthorization, 1, headers.length);
        return head("POST " + WEBHOOK + " HTTP/1.1", withAuthorization);
    }

    /** Sends the bytes as they are and reads the first response; the connection stays open meanwhile. */
    private Answer exchange(byte[] request) throws IOException {
        try (Socket socket = connect()) {
            long started = System.nanoTime();
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return readAnswer(socket.getInputStream(), started);
        }
    }

    private static Answer readAnswer(InputStream in, long started) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return null; // closed without an answer
            }
            head.write(b);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8),
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static String chunked(String body, int chunkSize) {
        StringBuilder chunks = new StringBuilder();
        for (int at = 0; at < body.length(); at += chunkSize) {
            String chunk = body.substring(at, Math.min(body.length(), at + chunkSize));
            chunks.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        return chunks.append("0\r\n\r\n").toString();
    }

    static Stream<Arguments> lyingFraming() {
        int length = READ.length();
        String big = READ.replace("DemoAPI", "x".repeat(100_000));
        return Stream.of(
            arguments("no Content-Type", post("Content-Length: " + length) + READ, 415,
                    error("Content-Type must be application/json")),
            arguments("Content-Type text/plain", post("Content-Type: text/plain", "Content-Length: " + length) + READ,
                    415, error("Content-Type must be application/json")),
            arguments("Content-Length shorter than the body", post("Content-Type: application/json",
                    "Content-Length: " + (length - 10)) + READ, 400, error("body is not valid JSON")),
            arguments("chunked body over the limit", post("Content-Type: application/json",
                    "Transfer-Encoding: chunked") + chunked(big, 8192), 413, error("body is larger than 65536 bytes")),
            arguments("an invalid chunk size", post("Content-Type: application/json", "Transfer-Encoding: chunked")
                    + "zz\r\n" + READ + "\r\n0\r\n\r\n", 400, error("the body could not be read completely")),
            arguments("a declared body over the limit, never sent", post("Content-Type: application/json",
                    "Content-Length: 10000000", "Expect: 100-continue"), 413, error("body is larger than 65536 bytes")),
            arguments("HTTP/1.0 without Content-Length", head("POST " + WEBHOOK + " HTTP/1.0",
                    "Authorization: " + PASSWORD, "Content-Type: application/json") + READ, 400,
                    error("body is empty")),
            // Refused by Jetty before the receiver sees the request: the reason is Jetty's, in its error page.
            arguments("Content-Length not a number", post("Content-Type: application/json", "Content-Length: many")
                    + READ, 400, "Invalid Content-Length Value"),
            arguments("a negative Content-Length", post("Content-Type: application/json", "Content-Length: -1")
                    + READ, 400, "Invalid Content-Length Value"),
            arguments("two Content-Lengths", post("Content-Type: application/json", "Content-Length: " + length,
                    "Content-Length: 5") + READ, 400, "Multiple Content-Lengths"),
            arguments("Content-Length and Transfer-Encoding", post("Content-Type: application/json",
                    "Content-Length: 5", "Transfer-Encoding: chunked") + chunked(READ, 64), 400,
                    "Transfer-Encoding and Content-Length"));
    }

    @TestFactory
    Stream<DynamicTest> lyingOrMissingFramingIsRefusedPreciselyAndStoresNothing() {
        return lyingFraming().map(Arguments::get).map(lie -> dynamicTest((String) lie[0], () -> {
            Answer answer = exchange(utf8((String) lie[1]));
            assertEquals(lie[2], answer.status(), answer.body());
            assertTrue(answer.body().contains((String) lie[3]), answer.body());
            assertEquals(0, reportRows());
        }));
    }

    /** Paths that try to pass something else for {channelId}, each with its answer. */
    static Stream<Arguments> pathTricks() {
        String message = "/social/on/whatsapp/gupshup/message/";
        String noEndpoint = error("no such endpoint: use /on/whatsapp/{whatsAppBsp}/message/{channelId}");
        String noChannel = error("no such channel id");
        return Stream.of(
            arguments(message + "..", 404, noEndpoint),
            arguments(message + ".", 404, noChannel),
            arguments(message + CHANNEL + "/..", 404, noChannel),
            arguments(message + CHANNEL + "/", 404, noEndpoint),
            arguments(message + CHANNEL + ";jsessionid=x", 404, noEndpoint),
            arguments(message + CHANNEL + ";x=y/", 404, noEndpoint),
            arguments(message + CHANNEL + "%3Bx=y", 404, noChannel),
            arguments(message + "9".repeat(65), 404, noChannel),
            arguments(message + CHANNEL + "%20", 404, noChannel),
            // Refused by Jetty before the receiver sees the request (URI compliance, RFC 3986 section 7.3)
            arguments(message + "%2e%2e", 400, "Ambiguous URI path segment"),
            arguments(message + CHANNEL + "%2F..%2F1", 400, "Ambiguous URI path separator"),
            arguments(message + CHANNEL + "%252F", 400, "Ambiguous URI path encoding"),
            arguments(message + CHANNEL + "%5C", 400, "Suspicious Path Character"),
            arguments(message + CHANNEL + "%00", 400, "Bad Request"),
            arguments(message + "%C0%AE%C0%AE", 400, "Bad UTF-8 encoding"),
            arguments(message + "/" + CHANNEL, 400, "Ambiguous URI empty segment"),
            arguments(message + "9".repeat(10_000), 414, "URI Too Long"));
    }

    @TestFactory
    Stream<DynamicTest> pathTrickInTheChannelIdGetsItsAnswerAndStoresNothing() {
        return pathTricks().map(Arguments::get).map(trick -> dynamicTest(abbreviated((String) trick[0]), () -> {
            Answer answer = exchange(utf8(head("POST " + trick[0] + " HTTP/1.1", "Authorization: " + PASSWORD,
                    "Content-Type: application/json", "Content-Length: " + READ.length()) + READ));
            assertEquals(trick[1], answer.status(), answer.body());
            assertTrue(answer.body().contains((String) trick[2]), answer.body());
            assertEquals(0, reportRows());
        }));
    }

    private static String abbreviated(String path) {
        return path.length() <= 100 ? path : path.substring(0, 100) + "... (" + path.length() + " characters)";
    }

    @Test
    void dotSegmentsThatResolveToTheChannelsUrlAreThatUrl() throws IOException {
        // RFC 3986 section 5.2.4: the container removes dot segments before mapping; this names the same resource.
        Answer answer = exchange(utf8(head("POST /social/on/whatsapp/gupshup/x/../message/" + CHANNEL + " HTTP/1.1",
                "Authorization: " + PASSWORD, "Content-Type: application/json",
                "Content-Length: " + READ.length()) + READ));
        assertEquals(200, answer.status(), answer.body());
        assertEquals(1, reportRows());
    }

    // ---------------------------------------------------------------- refused before the body came

    /** Requests refused on their headers alone, with the status each gets. */
    static Stream<Arguments> refusedOnTheirHeaders() {
        String json = "Content-Type: application/json";
        String length = "Content-Length: " + READ.length();
        return Stream.of(
            arguments("a wrong password", head("POST " + WEBHOOK + " HTTP/1.1", "Authorization: wrong", json, length),
                    401),
            arguments("an unknown channel", head("POST /social/on/whatsapp/gupshup/message/999 HTTP/1.1",
                    "Authorization: " + PASSWORD, json, length), 401),
            arguments("an unknown provider", head("POST /social/on/whatsapp/other/message/" + CHANNEL + " HTTP/1.1",
                    "Authorization: " + PASSWORD, json, length), 404),
            arguments("Content-Type text/plain", post("Content-Type: text/plain", length), 415));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedOnTheirHeaders")
    void refusalMadeBeforeTheBodyCameIsReadByTheClientAndKeepsTheConnection(String refusal, String head,
            int status) throws IOException, InterruptedException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(utf8(head));
            out.flush();
            // The refusal is made meanwhile; a receiver that answered without reading the body would have closed
            // the connection, and the body sent now would reset it.
            Thread.sleep(300);
            out.write(utf8(READ));
            out.flush();
            Answer refused = readAnswer(in, System.nanoTime());
            assertEquals(status, refused.status(), refused.body());
            assertEquals(null, refused.headers().get("connection"), refused.toString());

            out.write(utf8(post("Content-Type: application/json", "Content-Length: " + READ.length()) + READ));
            out.flush();
            Answer accepted = readAnswer(in, System.nanoTime());
            assertEquals(200, accepted.status(), accepted.body());
        }
        assertEquals(1, reportRows());
    }

    @Test
    void bodySomewhatOverTheLimitGetsA413ThatTheClientReadsAndKeepsTheConnection() throws IOException,
            InterruptedException {
        byte[] big = utf8(READ.replace("DemoAPI", "x".repeat(100_000)));
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(utf8(post("Content-Type: application/json", "Content-Length: " + big.length)));
            out.flush();
            // The 413 is decided on the declared length alone, while the body is still on its way.
            Thread.sleep(300);
            out.write(big);
            out.flush();
            Answer refused = readAnswer(in, System.nanoTime());
            assertEquals(413, refused.status(), refused.body());
            assertEquals(null, refused.headers().get("connection"), refused.toString());

            out.write(utf8(post("Content-Type: application/json", "Content-Length: " + READ.length()) + READ));
            out.flush();
            assertEquals(200, readAnswer(in, System.nanoTime()).status());
        }
        assertEquals(1, reportRows());
    }

    @Test
    void refusalWhoseBodyNeverComesIsAnsweredAndClosesTheConnection() throws IOException {
        try (Socket socket = connect()) {
            long started = System.nanoTime();
            socket.getOutputStream().write(utf8(head("POST " + WEBHOOK + " HTTP/1.1", "Authorization: wrong",
                    "Content-Type: application/json", "Content-Length: " + READ.length())));
            socket.getOutputStream().flush();
            Answer refused = readAnswer(socket.getInputStream(), started);
            assertEquals(401, refused.status(), refused.body());
            assertEquals("close", refused.headers().get("connection"), refused.toString());
            // The wait for the body that is to be thrown away ends with the idle timeout, not Gupshup's 10 s.
            assertTrue(refused.after().compareTo(ReceiverServer.IDLE_TIMEOUT.plusSeconds(2)) < 0, refused.toString());
            assertEquals(-1, socket.getInputStream().read());
        }
    }

    // ---------------------------------------------------------------- slow clients

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Content-Length", "chunked"})
    void bodyThatStopsArrivingIsRequestTimeoutAfterTheIdleTimeout(String framing) throws IOException {
        String request = framing.equals("chunked")
                ? post("Content-Type: application/json", "Transfer-Encoding: chunked")
                        + Integer.toHexString(READ.length() + 100) + "\r\n" + READ
                : post("Content-Type: application/json", "Content-Length: " + (READ.length() + 100)) + READ;
        Answer answer = exchange(utf8(request));
        assertEquals(408, answer.status(), answer.body());
        assertEquals(error("the body stopped arriving before it was complete"), answer.body());
        assertEquals("close", answer.headers().get("connection"));
        assertTrue(answer.after().compareTo(ReceiverServer.IDLE_TIMEOUT.minusMillis(200)) > 0, answer.toString());
        assertTrue(answer.after().compareTo(ReceiverServer.IDLE_TIMEOUT.plusSeconds(3)) < 0, answer.toString());
        assertEquals(0, reportRows());
    }

    @Test
    void bodyDribbledBelowTheMinimumDataRateIsCutOff() throws IOException, InterruptedException {
        try (Socket socket = connect()) {
            long started = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(utf8(post("Content-Type: application/json", "Content-Length: " + READ.length())));
            // A byte each 200 ms, inside the idle timeout each time and far below the minimum data rate, until the
            // server answers.
            try {
                for (byte b : utf8(READ)) {
                    if (in.available() > 0) {
                        break;
                    }
                    out.write(b);
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (IOException closedByTheServer) {
                // the server gave up and closed the connection: its answer is still to be read
            }
            Answer answer = readAnswer(in, started);
            assertEquals(400, answer.status(), answer.body());
            assertEquals(error("the body could not be read completely"), answer.body());
            assertTrue(answer.after().compareTo(ReceiverServer.IDLE_TIMEOUT.plusSeconds(1)) < 0, answer.toString());
        }
        assertEquals(0, reportRows());
    }

    @Test
    void manySlowBodiesAtOnceLeaveValidReportsAnsweredPromptly() throws IOException {
        // Each body still arriving holds one of the container's threads (200 in Jetty's and Tomcat's pools) until
        // it completes or the idle timeout ends it; 100 at once leave the webhook serving.
        List<Socket> slowClients = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                Socket socket = connect();
                socket.getOutputStream().write(utf8(post("Content-Type: application/json",
                        "Content-Length: " + READ.length()) + READ.substring(0, 10)));
                socket.getOutputStream().flush();
                slowClients.add(socket);
            }
            long started = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                assertEquals(200, server.postReport(CHANNEL, PASSWORD, READ).statusCode());
            }
            Duration valid = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(valid.compareTo(Duration.ofSeconds(1)) < 0, "10 valid reports took " + valid);
            for (Socket slow : slowClients) {
                // Still waiting for their bodies: the valid reports were served beside them, not after them.
                assertEquals(0, slow.getInputStream().available());
            }
        } finally {
            for (Socket slow : slowClients) {
                slow.close();
            }
        }
        assertEquals(1, reportRows());
    }

    @Test
    void headersThatNeverEndAreDroppedAfterTheIdleTimeout() throws IOException {
        try (Socket socket = connect()) {
            long started = System.nanoTime();
            socket.getOutputStream().write(utf8("POST " + WEBHOOK + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
            int read;
            try {
                read = socket.getInputStream().read();
            } catch (SocketTimeoutException notClosed) {
                read = -2;
            }
            Duration after = Duration.ofNanos(System.nanoTime() - started);
            // Jetty parses headers without holding a thread, and closes the connection once it has been idle.
            assertEquals(-1, read);
            assertTrue(after.compareTo(ReceiverServer.IDLE_TIMEOUT.plusSeconds(3)) < 0, after.toString());
        }
    }
}
