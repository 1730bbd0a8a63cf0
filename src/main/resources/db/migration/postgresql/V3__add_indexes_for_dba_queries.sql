-- whatsapp-report-receiver, schema version 3, PostgreSQL: the indexes behind the questions DBAs ask
-- (docs/schema.md). H2 and MariaDB get the same indexes beside this folder.
-- Each index is one more B-tree that every webhook insert maintains, so each one below exists for a documented
-- query and says which. Lookups by message within a channel need none: message_report_event_uq
-- (bsp, channel_id, gs_id, status) already serves them.
--
-- CONCURRENTLY: on a table that already holds millions of reports, a plain CREATE INDEX would block every insert
-- (and so every webhook) until it is built. CONCURRENTLY lets inserts go on; it cannot run inside a transaction,
-- so Flyway runs this script without one. Should it fail halfway, PostgreSQL leaves the index INVALID: drop it
-- (DROP INDEX CONCURRENTLY name), delete the failed version 3 row from flyway_schema_history, and restart.

-- Period questions about one status, across channels: delivery rates per channel per day and sent-to-delivered
-- times (status 'sent'), failures by error code (status 'failed'), messages stuck in 'sent'. report_time rather
-- than status_time because it is never null: Gupshup's failed and enqueued events carry no time of their own.
CREATE INDEX CONCURRENTLY message_report_status_time_ix ON message_report (status, report_time);

-- What one channel received over a period (and the admin API's deletion of a channel's reports).
CREATE INDEX CONCURRENTLY message_report_channel_time_ix ON message_report (bsp, channel_id, report_time);

-- Everything about one message when only its gsId is known: the unique key starts with bsp and channel_id.
CREATE INDEX CONCURRENTLY message_report_gs_id_ix ON message_report (gs_id);

-- Everything about one customer's number.
CREATE INDEX CONCURRENTLY message_report_destination_ix ON message_report (destination);

-- Retention: each batch finds the oldest rows by the receiver's own clock (reports.retention-days).
CREATE INDEX CONCURRENTLY message_report_received_at_ix ON message_report (received_at);
