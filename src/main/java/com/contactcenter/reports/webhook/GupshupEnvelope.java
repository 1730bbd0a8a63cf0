package com.contactcenter.reports.webhook;

/**
 * The wire shape of a Gupshup v2 callback that carries a status report, as JSON-B binds it; only the fields the
 * receiver records. Unknown fields ({@code app}, {@code version}, {@code conversation}, {@code pricing}, ...) are
 * ignored here and kept in {@code raw_report}.
 *
 * @param timestamp when Gupshup sent the callback, in milliseconds (seconds below 10^11)
 * @param type the event kind: {@code message-event} (Gupshup) or {@code message-report} (the interface's table)
 */
public record GupshupEnvelope(Long timestamp, String type, Payload payload) {

    /**
     * @param id Gupshup's or WhatsApp's id of the message; the message key where {@code gsId} is absent
     * @param gsId Gupshup's message id; absent on {@code enqueued}, synchronous failures and {@code deleted}
     * @param type the status: {@code enqueued}, {@code sent}, {@code delivered}, {@code read}, {@code failed},
     *     {@code deleted}, or one Gupshup adds later
     */
    public record Payload(String id, String gsId, String type, String destination, Details payload) {
    }

    /**
     * @param ts the event's own time, a whole number or a string of one, in seconds (milliseconds above 10^11)
     * @param code the failure code, a number or a string, kept as text
     */
    public record Details(String ts, String code, String reason) {
    }
}
