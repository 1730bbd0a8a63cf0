-- whatsapp-report-receiver, schema version 3, H2: the indexes behind the questions DBAs ask (docs/schema.md).
-- PostgreSQL and MariaDB get the same indexes beside this folder, built there without blocking the receiver.
-- Each index is one more B-tree that every webhook insert maintains, so each one below exists for a documented
-- query and says which. Lookups by message within a channel need none: message_report_event_uq
-- (bsp, channel_id, gs_id, status) already serves them.

-- Period questions about one status, across channels: delivery rates per channel per day and sent-to-delivered
-- times (status 'sent'), failures by error code (status 'failed'), messages stuck in 'sent'. report_time rather
-- than status_time because it is never null: Gupshup's failed and enqueued events carry no time of their own.
CREATE INDEX message_report_status_time_ix ON message_report (status, report_time);

-- What one channel received over a period (and the admin API's deletion of a channel's reports).
CREATE INDEX message_report_channel_time_ix ON message_report (bsp, channel_id, report_time);

-- Everything about one message when only its gsId is known: the unique key starts with bsp and channel_id.
CREATE INDEX message_report_gs_id_ix ON message_report (gs_id);

-- Everything about one customer's number.
CREATE INDEX message_report_destination_ix ON message_report (destination);

-- Retention: each batch finds the oldest rows by the receiver's own clock (reports.retention-days).
CREATE INDEX message_report_received_at_ix ON message_report (received_at);
