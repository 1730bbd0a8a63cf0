-- whatsapp-report-receiver, schema version 4 (h2): password rotation without downtime.
-- A rotated channel keeps its previous password's hash until previous_valid_until (UTC), so that Gupshup's
-- Authorization header can be updated after ours; both columns are NULL when there is no grace period.

ALTER TABLE whatsapp_channel ADD COLUMN previous_password_hash VARCHAR(255);
ALTER TABLE whatsapp_channel ADD COLUMN previous_valid_until TIMESTAMP(3);
