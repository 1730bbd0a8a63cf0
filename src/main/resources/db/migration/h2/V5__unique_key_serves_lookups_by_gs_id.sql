-- whatsapp-report-receiver, schema version 5, H2: one B-tree fewer for every webhook insert.
-- The unique key becomes (gs_id, bsp, channel_id, status): led by gs_id, it also answers "everything about one
-- message when only its gsId is known", so message_report_gs_id_ix goes. Both indexes were random in gsId (a UUID
-- from Gupshup), so each commit rewrote a leaf page of each per report (H2's store copies every page it changes);
-- README.md "Performance" has the figures. Lookups of a channel's messages use message_report_channel_time_ix.

ALTER TABLE message_report DROP CONSTRAINT message_report_event_uq;

ALTER TABLE message_report ADD CONSTRAINT message_report_event_uq UNIQUE (gs_id, bsp, channel_id, status);

DROP INDEX message_report_gs_id_ix;
