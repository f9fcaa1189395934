-- Asynchronous MDNs are retried with back-off (gateway.as2.outbound.*) and given up: how many attempts failed,
-- when the next is due, and the MDN's own Message-ID, fixed at the first attempt so every retry of one MDN carries
-- the same one. mdn_state FAILED marks an MDN given up (an operator sends it again: As2Store.resendMdn).
ALTER TABLE as2_exchange ADD COLUMN mdn_attempts INT DEFAULT 0 NOT NULL;
ALTER TABLE as2_exchange ADD COLUMN mdn_next_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE as2_exchange ADD COLUMN mdn_message_id VARCHAR(1000);

-- The partner's own reference of a submission refused outright (a SOAP fault): kept apart from reference, which
-- duplicate matching reads, so a corrected resend is not a duplicate, yet GetStatus by that reference finds it.
ALTER TABLE interchange ADD COLUMN rejected_reference VARCHAR(70);
CREATE INDEX ix_interchange_partner_rejected_reference ON interchange (partner_id, rejected_reference);
