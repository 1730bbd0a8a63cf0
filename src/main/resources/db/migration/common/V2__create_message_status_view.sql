-- whatsapp-report-receiver, schema version 2, every database (portable SQL).
--
-- message_status: one row per message (bsp, channel_id, gs_id), built from its status events in message_report.
-- status is the furthest status reached, by this precedence, so it never moves backwards whatever the order in
-- which reports arrive (Gupshup and Meta do not guarantee one):
--     deleted (6) > failed (5) > read (4) > delivered (3) > sent (2) > enqueued (1) > any other status (0)
-- A failure is final: a late sent, delivered or read never un-fails a message; failed_at and delivered_at both stay
-- visible when both were reported. Statuses Gupshup adds later rank 0: shown only while nothing else is known
-- (the greatest name wins among several). Each *_at is the event's own time (payload.payload.ts, else the report's
-- timestamp), never the receiver's clock; a status never reported leaves its column NULL (WhatsApp may send read
-- without delivered). error_code and error_reason come from the failed event. last_report_at is the latest
-- report's timestamp.

CREATE VIEW message_status AS
SELECT bsp,
       channel_id,
       gs_id,
       MAX(destination) AS destination,
       CASE MAX(CASE status WHEN 'enqueued' THEN 1 WHEN 'sent' THEN 2 WHEN 'delivered' THEN 3
                            WHEN 'read' THEN 4 WHEN 'failed' THEN 5 WHEN 'deleted' THEN 6 ELSE 0 END)
           WHEN 6 THEN 'deleted'
           WHEN 5 THEN 'failed'
           WHEN 4 THEN 'read'
           WHEN 3 THEN 'delivered'
           WHEN 2 THEN 'sent'
           WHEN 1 THEN 'enqueued'
           ELSE MAX(status)
       END AS status,
       MAX(CASE WHEN status = 'enqueued' THEN COALESCE(status_time, report_time) END) AS enqueued_at,
       MAX(CASE WHEN status = 'sent' THEN COALESCE(status_time, report_time) END) AS sent_at,
       MAX(CASE WHEN status = 'delivered' THEN COALESCE(status_time, report_time) END) AS delivered_at,
       MAX(CASE WHEN status = 'read' THEN COALESCE(status_time, report_time) END) AS read_at,
       MAX(CASE WHEN status = 'failed' THEN COALESCE(status_time, report_time) END) AS failed_at,
       MAX(CASE WHEN status = 'failed' THEN error_code END) AS error_code,
       MAX(CASE WHEN status = 'failed' THEN error_reason END) AS error_reason,
       MAX(report_time) AS last_report_at
FROM message_report
GROUP BY bsp, channel_id, gs_id;
