-- whatsapp-report-receiver, schema version 5, PostgreSQL: one B-tree fewer for every webhook insert.
-- The unique key becomes (gs_id, bsp, channel_id, status): led by gs_id, it also answers "everything about one
-- message when only its gsId is known", so message_report_gs_id_ix goes. Both indexes were random in gsId (a UUID
-- from Gupshup), so each report inserted wrote a leaf page of each at random; README.md "Performance" has the
-- figures. Lookups of a channel's messages use message_report_channel_time_ix (bsp, channel_id, report_time).
--
-- CONCURRENTLY, as in version 3: neither build nor drop blocks the webhook's inserts on a large table. The new index
-- keeps every event unique while the constraint moves to it, and the webhook's ON CONFLICT (gs_id, bsp, channel_id,
-- status) infers either index, since it names the columns and not their order. Flyway runs this script without a
-- transaction (flyway.mixed). Should it fail halfway, drop an INVALID index left behind (DROP INDEX CONCURRENTLY
-- name), delete the failed version 5 row from flyway_schema_history, and restart.

CREATE UNIQUE INDEX CONCURRENTLY message_report_event_by_gs_id_uq
    ON message_report (gs_id, bsp, channel_id, status);

ALTER TABLE message_report DROP CONSTRAINT message_report_event_uq;

-- Takes the index over under the constraint's name, without building it again.
ALTER TABLE message_report ADD CONSTRAINT message_report_event_uq UNIQUE USING INDEX message_report_event_by_gs_id_uq;

DROP INDEX CONCURRENTLY message_report_gs_id_ix;
