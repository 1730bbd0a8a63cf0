-- whatsapp-report-receiver, schema version 5, MariaDB/MySQL: one B-tree fewer for every webhook insert.
-- The unique key becomes (gs_id, bsp, channel_id, status): led by gs_id, it also answers "everything about one
-- message when only its gsId is known", so message_report_gs_id_ix goes. Both indexes were random in gsId (a UUID
-- from Gupshup), so each report inserted wrote a leaf page of each at random; README.md "Performance" has the
-- figures. Lookups of a channel's messages use message_report_channel_time_ix (bsp, channel_id, report_time).
-- One statement, built online (ALGORITHM = INPLACE, LOCK = NONE): inserts go on meanwhile, and the old unique key
-- is enforced until the new one replaces it.

ALTER TABLE message_report
    DROP INDEX message_report_event_uq,
    ADD CONSTRAINT message_report_event_uq UNIQUE (gs_id, bsp, channel_id, status),
    DROP INDEX message_report_gs_id_ix,
    ALGORITHM = INPLACE, LOCK = NONE;
