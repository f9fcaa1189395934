-- WS-Security replay protection of the SOAP service, shared by every gateway node: one row per UsernameToken nonce
-- or signed Timestamp seen, keyed by the SHA-256 of (cache name, identifier). An INSERT that fails on the primary key
-- is a replay (unless the row has expired). Expired rows are deleted now and then.
CREATE TABLE soap_replay (
    id_hash     CHAR(64)     NOT NULL PRIMARY KEY,
    cache_name  VARCHAR(16)  NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_soap_replay_expires ON soap_replay (expires_at);
