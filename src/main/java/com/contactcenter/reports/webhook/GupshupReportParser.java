package com.contactcenter.reports.webhook;

import com.contactcenter.reports.channel.ChannelAddress;
import com.contactcenter.reports.failure.InvalidRequestException;
import com.contactcenter.reports.report.StatusReport;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonValue.ValueType;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import org.eclipse.yasson.YassonJsonb;

/**
 * Turns a callback body into a {@link StatusReport}, or into nothing for the event kinds that are not status
 * reports (acknowledged, not recorded). Follows Gupshup's v2 format (README.md, "What Gupshup sends"). Thread-safe.
 *
 * <p>The body is read strictly first (one JSON object, nothing after it, no repeated names, bounded nesting and
 * number lengths), then each field the receiver reads is checked for its JSON type, so that a wrong type gets a
 * reason that names the field; only then does JSON-B bind the wire record, and the record becomes an immutable
 * report. Any body at all ends in a report, in nothing, or in {@link InvalidRequestException}: the fuzz test
 * {@code GupshupReportParserFuzzTest} holds the parser to that.
 */
public final class GupshupReportParser {
    /** Gupshup sends {@code message-event}; the interface's field table says {@code message-report}: both count. */
    static final Set<String> REPORT_TYPES = Set.of("message-event", "message-report");

    /** Gupshup: times are "in s or ms"; a value of 10^11 or more (in 5138 as seconds) is milliseconds. */
    static final long MILLISECONDS_THRESHOLD = 100_000_000_000L;
    /** 9999-12-31T23:59:59.999Z, the last instant that every supported database's TIMESTAMP column holds. */
    static final long LATEST_EPOCH_MILLISECOND = 253_402_300_799_999L;

    /**
     * Gupshup's callbacks nest three or four levels deep. Parsson builds a tree by recursion and stops only at
     * depth 1000, with a plain RuntimeException; 64 levels leave room for any event kind and keep a body of
     * {@code {"a":{"a":...}}} far from both.
     */
    static final int MAX_NESTING_DEPTH = 64;
    /**
     * No field of Gupshup's needs more than 20 digits. Parsson refuses numbers over 1100 characters with an
     * UnsupportedOperationException, and converting long ones to BigDecimal costs time quadratic in their length.
     */
    static final int MAX_NUMBER_LENGTH = 100;
    /**
     * A whole number that fits a long has at most 19 digits; the rest allows a sign, a fraction of zeros or an
     * exponent ({@code 1.5E12}). Bounding the text bounds BigDecimal's work, whatever the exponent.
     */
    static final int MAX_WHOLE_NUMBER_LENGTH = 40;

    /** Stands for an open array in {@link #checkStructure}, which has no names; never added to. */
    private static final Set<String> NO_NAMES = Collections.emptySet();

    private final Jsonb jsonb;
    private final JsonParserFactory parsers;
    private final boolean storeRawReport;

    public GupshupReportParser(Jsonb jsonb, JsonProvider json, boolean storeRawReport) {
        this.jsonb = jsonb;
        // Repeated names are refused by checkStructure, with a reason that says so; Parsson refuses them too.
        this.parsers = json.createParserFactory(Map.of("org.eclipse.parsson.rejectDuplicateKeys", true));
        this.storeRawReport = storeRawReport;
    }

    /**
     * The report in the body, or empty when the body is another kind of event.
     *
     * @throws InvalidRequestException with a short reason when the body is not a valid report
     */
    public Optional<StatusReport> parse(ChannelAddress channel, String body) {
        JsonObject envelope = readObject(body);
        JsonValue type = envelope.get("type");
        if (!(type instanceof JsonString) || ((JsonString) type).getString().isBlank()) {
            if (type == null && envelope.containsKey("entry")) {
                throw new InvalidRequestException(
                        "type is required: Meta-format (v3) callbacks are not supported, subscribe the v2 format");
            }
            throw new InvalidRequestException("type is required and must be a string");
        }
        // Gupshup: a handler must "not fail on event types it does not recognise".
        if (!REPORT_TYPES.contains(((JsonString) type).getString())) {
            return Optional.empty();
        }
        checkReportFieldTypes(envelope);
        return Optional.of(toReport(channel, bind(envelope), body));
    }

    private JsonObject readObject(String body) {
        try {
            checkStructure(body);
            try (JsonParser parser = parsers.createParser(new StringReader(body))) {
                if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                    throw new InvalidRequestException("body must be a JSON object");
                }
                JsonObject object = parser.getObject();
                if (parser.hasNext()) {
                    // RFC 8259 section 2: a JSON text is one value; Parsson throws here, other parsers may not.
                    throw new InvalidRequestException("body is not valid JSON");
                }
                return object;
            }
        } catch (JsonException | IllegalStateException | NumberFormatException | NoSuchElementException malformed) {
            throw new InvalidRequestException("body is not valid JSON");
        }
    }

    /**
     * A first pass over the tokens of the first value, building nothing: refuses what the second pass would
     * either answer with an unchecked exception (or a stack overflow) or answer vaguely. RFC 8259 section 9 lets a
     * parser limit nesting and numbers; section 4 says names SHOULD be unique, and parsers disagree on which of a
     * repeated name wins, so refusing repeats keeps a report from meaning one thing here and another to whoever
     * reads raw_report. Malformed JSON is left for the second pass to report, unless one of these comes first.
     */
    private void checkStructure(String body) {
        try (JsonParser scanner = parsers.createParser(new StringReader(body))) {
            // The names seen in each open object; null for an open array.
            Deque<Set<String>> open = new ArrayDeque<>();
            while (scanner.hasNext()) {
                JsonParser.Event event = scanner.next();
                switch (event) {
                    case START_OBJECT:
                    case START_ARRAY:
                        if (open.size() == MAX_NESTING_DEPTH) {
                            throw new InvalidRequestException(
                                    "body is nested deeper than " + MAX_NESTING_DEPTH + " levels");
                        }
                        open.push(event == JsonParser.Event.START_OBJECT ? new HashSet<>() : NO_NAMES);
                        break;
                    case END_OBJECT:
                    case END_ARRAY:
                        open.pop();
                        break;
                    case KEY_NAME:
                        if (!open.peek().add(scanner.getString())) {
                            throw new InvalidRequestException("body repeats a name within one object");
                        }
                        break;
                    case VALUE_NUMBER:
                        checkNumber(scanner.getString());
                        break;
                    default:
                        break;
                }
                if (open.isEmpty()) {
                    return; // the first value is complete: what follows it is the second pass's to judge
                }
            }
        }
    }

    /**
     * RFC 8259 section 6 puts no bound on a number; BigDecimal, which Parsson builds for each, holds exponents
     * within an int only ({@code 1e2147483648} is valid JSON it cannot take).
     */
    private static void checkNumber(String text) {
        if (text.length() > MAX_NUMBER_LENGTH) {
            throw new InvalidRequestException("body holds a number longer than " + MAX_NUMBER_LENGTH + " characters");
        }
        try {
            new BigDecimal(text);
        } catch (NumberFormatException beyondBigDecimal) {
            throw new InvalidRequestException("body holds a number out of range");
        }
    }

    /** The JSON types of the fields the receiver reads; a null counts as absent. */
    private static void checkReportFieldTypes(JsonObject envelope) {
        requireWholeNumber(envelope, "timestamp", "timestamp");
        JsonObject payload = optionalObject(envelope, "payload", "payload");
        if (payload == null) {
            return; // reported as missing when the report is built
        }
        for (String name : new String[] {"id", "gsId", "type", "destination"}) {
            requireString(payload, name, "payload." + name);
        }
        JsonObject details = optionalObject(payload, "payload", "payload.payload");
        if (details != null) {
            requireWholeNumber(details, "ts", "payload.payload.ts");
            JsonValue code = details.get("code");
            if (code != null && !(code instanceof JsonString) && !(code instanceof JsonNumber)
                    && code.getValueType() != ValueType.NULL) {
                throw new InvalidRequestException("payload.payload.code must be a number or a string");
            }
            requireString(details, "reason", "payload.payload.reason");
        }
    }

    private static JsonObject optionalObject(JsonObject parent, String name, String field) {
        JsonValue value = parent.get(name);
        if (value == null || value.getValueType() == ValueType.NULL) {
            return null;
        }
        if (value.getValueType() != ValueType.OBJECT) {
            throw new InvalidRequestException(field + " must be an object");
        }
        return value.asJsonObject();
    }

    private static void requireString(JsonObject parent, String name, String field) {
        JsonValue value = parent.get(name);
        if (value != null && value.getValueType() != ValueType.STRING && value.getValueType() != ValueType.NULL) {
            throw new InvalidRequestException(field + " must be a string");
        }
    }

    /** A whole number, as a JSON number or a string of one ({@code "ts": "1592311836"} is seen in real traffic). */
    private static void requireWholeNumber(JsonObject parent, String name, String field) {
        JsonValue value = parent.get(name);
        if (value == null || value.getValueType() == ValueType.NULL) {
            return;
        }
        if (value instanceof JsonNumber) {
            wholeNumber(field, value.toString());
            return;
        }
        if (value instanceof JsonString) {
            requireDigits(field, ((JsonString) value).getString());
            return;
        }
        throw new InvalidRequestException(field + " must be a whole number");
    }

    /**
     * The string form is "a string of digits" (README.md): ASCII digits only, since BigDecimal would also take
     * {@code "+1"}, {@code "1e3"} and the digits of other scripts (Arabic-Indic, Devanagari, ...), which no one
     * reading the body expects.
     */
    private static void requireDigits(String field, String text) {
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidRequestException(field + " must be a whole number within range");
        }
        wholeNumber(field, text);
    }

    /**
     * A JSON number's text (RFC 8259 section 6), or a string of digits, as a long if its value is whole. The text is
     * bounded first: {@code new BigDecimal("1e2147483647")} is cheap, but the digits of a long one are not.
     */
    static long wholeNumber(String field, String text) {
        if (text.length() > MAX_WHOLE_NUMBER_LENGTH) {
            throw new InvalidRequestException(field + " must be a whole number within range");
        }
        try {
            return new BigDecimal(text).longValueExact();
        } catch (NumberFormatException | ArithmeticException notWhole) {
            throw new InvalidRequestException(field + " must be a whole number within range");
        }
    }

    private GupshupEnvelope bind(JsonObject envelope) {
        try {
            if (jsonb instanceof YassonJsonb) {
                return ((YassonJsonb) jsonb).fromJsonStructure(envelope, GupshupEnvelope.class);
            }
            return jsonb.fromJson(envelope.toString(), GupshupEnvelope.class);
        } catch (JsonbException unexpected) {
            // The field types were checked above; what is left is a value no field can hold.
            throw new InvalidRequestException("a field holds a value out of range");
        }
    }

    private StatusReport toReport(ChannelAddress channel, GupshupEnvelope envelope, String body) {
        if (envelope.timestamp() == null) {
            throw new InvalidRequestException("timestamp is required");
        }
        GupshupEnvelope.Payload payload = envelope.payload();
        if (payload == null) {
            throw new InvalidRequestException("payload is required");
        }
        GupshupEnvelope.Details details = payload.payload();
        // The message key: gsId, or payload.id where Gupshup sends no gsId (enqueued, synchronous failures, ...).
        String gsId = payload.gsId() == null || payload.gsId().isBlank() ? payload.id() : payload.gsId();
        Instant statusTime = details == null || details.ts() == null ? null
                : time("payload.payload.ts", wholeNumber("payload.payload.ts", details.ts()));
        return new StatusReport(channel.bsp(), channel.channelId(), gsId, payload.id(), payload.destination(),
                payload.type(), statusTime, time("timestamp", envelope.timestamp()),
                details == null ? null : details.code(),
                details == null ? null : details.reason(),
                storeRawReport ? body : null);
    }

    static Instant time(String field, long secondsOrMilliseconds) {
        long milliseconds = secondsOrMilliseconds < MILLISECONDS_THRESHOLD
                ? secondsOrMilliseconds * 1000 : secondsOrMilliseconds;
        if (secondsOrMilliseconds <= 0 || milliseconds > LATEST_EPOCH_MILLISECOND) {
            throw new InvalidRequestException(field + " is out of range");
        }
        return Instant.ofEpochMilli(milliseconds);
    }
}
