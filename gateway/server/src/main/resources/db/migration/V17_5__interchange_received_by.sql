-- Issue 15: which node recorded an interchange (received_by, its gateway.node.name) and when the broker took it
-- (queued_at). The unfinished-work sweep re-queues only what was recorded but never queued, and only when the node
-- that recorded it is dead (its per-node advisory lock is free) or it has waited longer than the grace period.
-- Rows from before the upgrade have neither: they count as left by an unknown, dead node and are re-queued once.
ALTER TABLE interchange ADD COLUMN received_by VARCHAR(200);
ALTER TABLE interchange ADD COLUMN queued_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX interchange_unqueued ON interchange (state, queued_at);
