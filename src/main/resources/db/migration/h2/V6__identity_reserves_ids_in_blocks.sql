-- whatsapp-report-receiver, schema version 6, H2 only: message_report.id reserves its values 1000 at a time.
-- H2 writes an identity's next value to its metadata, as a change of its own, each time the reserved block runs
-- out; with the default block of 32 that was about 18 % of the report writer's time under load (a JFR profile,
-- README.md "Performance"). After a crash the ids not yet used in a block are skipped, never reused: the id is a
-- surrogate key, and gaps in it mean nothing. PostgreSQL and MariaDB allocate ids in memory and keep version 5.

ALTER TABLE message_report ALTER COLUMN id SET CACHE 1000;
