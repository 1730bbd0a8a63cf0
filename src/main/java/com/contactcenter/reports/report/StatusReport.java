package com.contactcenter.reports.report;

import com.contactcenter.reports.failure.InvalidRequestException;
import java.time.Instant;

/**
 * One status event of one WhatsApp message, as the receiver records it: immutable, and valid by construction
 * (required values present, every text within its column).
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

    public StatusReport {
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
        limit("payload.payload.reason", errorReason, MAX_ERROR_REASON_LENGTH);
    }

    private static void requireText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field + " is required");
        }
        limit(field, value, maxLength);
    }

    private static void limit(String field, String value, int maxLength) {
        if (value != null && value.length() > maxLength) {
            throw new InvalidRequestException(field + " is longer than " + maxLength + " characters");
        }
    }
}
