-- Issues 14 and 15: a configuration reload (partners, users and their secrets) reaches every node. The node that
-- reloads after the operator's request validates the whole configuration, takes it, then records a generation here;
-- every node polls the highest generation and reloads itself when it moves. digest is the SHA-256 of the validated
-- configuration as the requesting node read it, so a node that reads other files (a config folder not shared) shows.
CREATE TABLE config_generation (
    generation   BIGINT        NOT NULL PRIMARY KEY,
    requested_by VARCHAR(100)  NOT NULL,
    requested_at TIMESTAMP WITH TIME ZONE NOT NULL,
    node         VARCHAR(100)  NOT NULL,
    digest       VARCHAR(64)   NOT NULL,
    comment      VARCHAR(2000)
);
-- What each node has loaded, and the last reload that failed there (the node kept its running configuration).
CREATE TABLE config_node (
    node         VARCHAR(100)  NOT NULL PRIMARY KEY,
    generation   BIGINT        NOT NULL,
    digest       VARCHAR(64)   NOT NULL,
    loaded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error   VARCHAR(2000),
    error_at     TIMESTAMP WITH TIME ZONE
);
