-- Console passwords changed by their users (issue 14, console slice): the bcrypt hash that replaces the one in the
-- secrets file for that user. In the store rather than the secrets file because the secrets file is the deployment's
-- (read-only, managed outside the gateway, one copy per node), while the store is shared by every node and written
-- in a transaction. One row per user; a change replaces it. Portable between H2 and PostgreSQL.
CREATE TABLE console_password (
    user_id      VARCHAR(64)  NOT NULL PRIMARY KEY,
    bcrypt_hash  VARCHAR(100) NOT NULL,
    changed_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
