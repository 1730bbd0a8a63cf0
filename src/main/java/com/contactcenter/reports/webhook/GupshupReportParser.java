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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.yasson.YassonJsonb;

/**
 * Turns a callback body into a {@link StatusReport}, or into nothing for the event kinds that are not status
 * reports (acknowledged, not recorded). Follows Gupshup's v2 format (README.md, "What Gupshup sends"). Thread-safe.
 *
 * <p>The body is read strictly first (one JSON object, nothing after it, no repeated names), then each field the
 * receiver reads is checked for its JSON type, so that a wrong type gets a reason that names the field; only then
 * does JSON-B bind the wire record, and the record becomes an immutable report.
 */
public final class GupshupReportParser {
    /** Gupshup sends {@code message-event}; the interface's field table says {@code message-report}: both count. */
    static final Set<String> REPORT_TYPES = Set.of("message-event", "message-report");

    /** Gupshup: times are "in s or ms"; a value of 10^11 or more (in 5138 as seconds) is milliseconds. */
    static final long MILLISECONDS_THRESHOLD = 100_000_000_000L;
    /** 9999-12-31T23:59:59.999Z, the last instant that every supported database's TIMESTAMP column holds. */
    static final long LATEST_EPOCH_MILLISECOND = 253_402_300_799_999L;

    private final Jsonb jsonb;
    private final JsonParserFactory parsers;
    private final boolean storeRawReport;

    public GupshupReportParser(Jsonb jsonb, JsonProvider json, boolean storeRawReport) {
        this.jsonb = jsonb;
        // RFC 8259 section 4: names "SHOULD be unique", and parsers disagree on duplicates (first or last wins);
        // refusing them keeps a report from meaning one thing here and another to whoever reads raw_report.
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
        } catch (JsonException | IllegalStateException | NumberFormatException malformed) {
            throw new InvalidRequestException("body is not valid JSON");
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
        if (value instanceof JsonNumber || value instanceof JsonString) {
            wholeNumber(field, value instanceof JsonNumber ? value.toString() : ((JsonString) value).getString());
            return;
        }
        throw new InvalidRequestException(field + " must be a whole number");
    }

    static long wholeNumber(String field, String text) {
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
