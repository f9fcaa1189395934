-- Console sessions and login throttling in the store (issue 14, task F), so that every gateway node behind a load
-- balancer knows every session and a cluster cannot be brute-forced node by node.
-- console_session: one row per session; session_hash is the SHA-256 (hex) of the cookie value, never the value itself
-- (a copy of the table signs nobody in). user_id is null for the login form's anonymous session. A session idle longer
-- than gateway.console.idleTimeout.minutes is gone; the nodes delete such rows now and then (at most once a minute).
-- console_login_failure: failed logins per account ('account:<id>') and per client address ('address:<ip>');
-- locked_until is set when the account is locked or the address must wait. Portable between H2 and PostgreSQL.
CREATE TABLE console_session (
    session_hash  CHAR(64)    NOT NULL PRIMARY KEY,
    user_id       VARCHAR(64),
    csrf_token    VARCHAR(64) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX console_session_last_seen ON console_session (last_seen);

CREATE TABLE console_login_failure (
    subject       VARCHAR(200) NOT NULL PRIMARY KEY,
    failures      INTEGER      NOT NULL,
    locked_until  TIMESTAMP WITH TIME ZONE,
    last_failure  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX console_login_failure_last ON console_login_failure (last_failure);
