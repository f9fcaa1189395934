-- How far each partner's webhook has been sent along the timeline (event ids), and its back-off after failures.
-- A row lock on the cursor makes one node at a time send a partner's events, in order.
CREATE TABLE webhook_cursor (
    partner_id       VARCHAR(64) PRIMARY KEY,
    last_event_id    BIGINT      NOT NULL,
    failures         INT         NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error       VARCHAR(4000)
);
