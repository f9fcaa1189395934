-- Issue 16: the tsw_*_total series are counted from the timeline as it grows (store/TrafficTotals), no longer by
-- full counts over the store every 15 s. dead_letters: how many times the delivery was given up (a DEAD_LETTER event
-- each; an operator's re-drive puts it back to PENDING and keeps the count), so tsw_delivery_failed_total never goes
-- down. Rows dead at the upgrade count once (an earlier re-drive's give-up is not recovered). The index finds the
-- duplicates of an interchange when it ends (their document type is the original's). Portable between H2 and PostgreSQL.
ALTER TABLE delivery ADD COLUMN dead_letters INT DEFAULT 0 NOT NULL;
UPDATE delivery SET dead_letters = 1 WHERE state = 'DEAD';
CREATE INDEX ix_interchange_duplicate_of ON interchange (duplicate_of);
