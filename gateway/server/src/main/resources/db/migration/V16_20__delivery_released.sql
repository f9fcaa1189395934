-- Issue 16: the deliveries of a large interchange are put on the agency queues in chunks, each its own broker
-- transaction; released_at records which chunks the broker has taken, so a redelivery after a crash sends only the
-- rest. Existing rows stay NULL: a delivery of an interchange still in flight at the upgrade was not sent yet.
ALTER TABLE delivery ADD COLUMN released_at TIMESTAMP WITH TIME ZONE;
