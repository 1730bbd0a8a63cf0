package com.contactcenter.reports.report;

import com.contactcenter.reports.failure.InvalidRequestException;
import java.time.Instant;

/**
 * One status event of one WhatsApp message, as the receiver records it: immutable, and valid by construction
 * (required values present, every text within its column and storable as sent on every supported database).
 *
 * @param gsId the message key: Gupshup's {@code gsId}, or {@code payload.id} where {@code gsId} is absent
 * @param messageId {@code payload.id} as sent, or null
 * @param statusTime the event's own time ({@code payload.payload.ts}), or null where the report has none
 * @param reportTime the envelope's {@code timestamp}
 * @param rawReport the body exactly as received, or null where storing it is switched off
 */
public record StatusReport(String bsp, String channelId, String gsId, String messageId, String destination,
        String status, Instant statusTime, Instant reportTime, String errorCode, String errorReason,
        String rawReport) {

    // Column lengths of message_report (db/migration/*/V1__create_report_tables.sql): a longer value is refused
    // with 400 rather than truncated or failed by the database.
    public static final int MAX_BSP_LENGTH = 32;
    public static final int MAX_CHANNEL_ID_LENGTH = 64;
    public static final int MAX_GS_ID_LENGTH = 128;
    public static final int MAX_MESSAGE_ID_LENGTH = 128;
    public static final int MAX_DESTINATION_LENGTH = 64;
    public static final int MAX_STATUS_LENGTH = 32;
    public static final int MAX_ERROR_CODE_LENGTH = 32;
    public static final int MAX_ERROR_REASON_LENGTH = 2000;

    /**
     * For logs: the destination masked, and neither the raw body (which holds the number unmasked) nor WhatsApp's
     * free-text reason. A record's default text would show both.
     */
    @Override
    public String toString() {
        return "StatusReport[bsp=" + bsp + ", channelId=" + channelId + ", gsId=" + gsId + ", status=" + status
                + ", destination=" + DestinationMasking.mask(destination) + ", reportTime=" + reportTime
                + ", errorCode=" + errorCode + "]";
    }

    public StatusReport {
        // An optional value sent empty or blank ("reason": "", which the fuzz test found in a failure event's
        // shape) is stored as NULL, so that "error_reason IS NULL" means one thing to whoever queries the table.
        messageId = absentIfBlank(messageId);
        errorCode = absentIfBlank(errorCode);
        errorReason = absentIfBlank(errorReason);
        requireText("bsp", bsp, MAX_BSP_LENGTH);
        requireText("channelId", channelId, MAX_CHANNEL_ID_LENGTH);
        requireText("payload.gsId or payload.id", gsId, MAX_GS_ID_LENGTH);
        limit("payload.id", messageId, MAX_MESSAGE_ID_LENGTH);
        requireText("payload.destination", destination, MAX_DESTINATION_LENGTH);
        requireText("payload.type", status, MAX_STATUS_LENGTH);
        if (reportTime == null) {
            throw new InvalidRequestException("timestamp is required");
        }
        limit("payload.payload.code", errorCode, MAX_ERROR_CODE_LENGTH);
        // Free text from WhatsApp, where a line break or a tab is ordinary text.
        limit("payload.payload.reason", errorReason, MAX_ERROR_REASON_LENGTH, "\t\n\r");
    }

    private static String absentIfBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static void requireText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field + " is required");
        }
        limit(field, value, maxLength);
    }

    /** Ids, codes and statuses: a control character is never part of one, and would reach logs and exports. */
    private static void limit(String field, String value, int maxLength) {
        limit(field, value, maxLength, "");
    }

    /**
     * JSON lets a string carry any control character as an escape, U+0000 included (RFC 8259 section 7), and an
     * escaped unpaired surrogate (section 8.2). Neither can be stored as sent: PostgreSQL's text types
     * refuse U+0000, which would fail every redelivery with 503, and UTF-8 has no encoding for a lone surrogate
     * (RFC 3629 section 3), so the drivers would store '?' instead. Such a value is refused, naming the field.
     */
    private static void limit(String field, String value, int maxLength, String allowedControls) {
        if (value == null) {
            return;
        }
        if (value.length() > maxLength) {
            throw new InvalidRequestException(field + " is longer than " + maxLength + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && allowedControls.indexOf(c) < 0) {
                throw new InvalidRequestException(field + " must not contain control characters");
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidRequestException(field + " must not contain unpaired surrogates");
            }
        }
    }
}
