-- Asynchronous MDNs are retried with back-off (gateway.as2.outbound.*) and given up: how many attempts failed,
-- when the next is due, and the MDN's own Message-ID, fixed at the first attempt so every retry of one MDN carries
-- the same one. mdn_state FAILED marks an MDN given up (an operator sends it again: As2Store.resendMdn).
ALTER TABLE as2_exchange ADD COLUMN mdn_attempts INT DEFAULT 0 NOT NULL;
ALTER TABLE as2_exchange ADD COLUMN mdn_next_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE as2_exchange ADD COLUMN mdn_message_id VARCHAR(1000);
