-- Issue 15 item 4: retention, archive and purge. After its family's online period a finished message's payloads
-- (raw interchange, canonical documents, answers, AS2 evidence) go to one zip per message in the archive folder; the
-- interchange keeps the pointer (archive_name) and archived_payload the hashes of each entry, so search still finds
-- the message and a restore can check every byte. After the legal retention period the archive is purged and the row
-- keeps a tombstone (purged_at, purge_policy). online_deleted_at: the online files were removed (a crash between the
-- archive's commit and the removal is finished by the next run). restored_at: an operator brought the payloads back;
-- the message is archived again one online period after that. Portable between H2 and PostgreSQL.
ALTER TABLE interchange ADD COLUMN archived_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE interchange ADD COLUMN archive_name VARCHAR(200);
ALTER TABLE interchange ADD COLUMN archive_policy VARCHAR(100);
ALTER TABLE interchange ADD COLUMN online_deleted_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE interchange ADD COLUMN restored_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE interchange ADD COLUMN purged_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE interchange ADD COLUMN purge_policy VARCHAR(100);
CREATE INDEX ix_interchange_archived_at ON interchange (archived_at);

CREATE TABLE archived_payload (
    interchange_id  BIGINT       NOT NULL REFERENCES interchange (id),
    entry           VARCHAR(200) NOT NULL,
    sha256          CHAR(64)     NOT NULL,
    size_bytes      BIGINT       NOT NULL,
    roles           VARCHAR(4000) NOT NULL,
    CONSTRAINT pk_archived_payload PRIMARY KEY (interchange_id, entry)
);
-- the gateway's own readers (a late decision's answer, a redelivery) find a removed payload in an archive by its hash
CREATE INDEX ix_archived_payload_sha256 ON archived_payload (sha256);

-- Payload files are named by their content, so two messages may share one (a duplicate, a resend after the window):
-- a file is removed only when no message still online refers to it. These indexes make that question cheap.
CREATE INDEX ix_interchange_sha256 ON interchange (sha256);
CREATE INDEX ix_document_canonical_sha256 ON document (canonical_sha256);
CREATE INDEX ix_partner_reply_content_sha256 ON partner_reply (content_sha256);
CREATE INDEX ix_as2_exchange_raw_sha256 ON as2_exchange (raw_sha256);
CREATE INDEX ix_as2_exchange_payload_sha256 ON as2_exchange (payload_sha256);
CREATE INDEX ix_as2_exchange_mdn_sha256 ON as2_exchange (mdn_sha256);
