-- Forge webhooks (issue 14, item 6): per customer and forge, the secret that verifies deliveries
-- (AES-GCM under ONCELL_HOME/secrets.key, like the secrets table; the associated data is
-- 'webhook:<customer>:<forge>') and the agent method each event starts, as canonical JSON
-- ({"pull_request":{"method":"review"}}). Deleting the customer deletes its webhooks.
CREATE TABLE webhooks (
  customer_id VARCHAR(63)   NOT NULL,
  forge       VARCHAR(16)   NOT NULL,
  events      VARCHAR(4000) NOT NULL,
  nonce       VARBINARY(12) NOT NULL,
  ciphertext  VARBINARY(8192) NOT NULL,
  updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (customer_id, forge),
  CONSTRAINT webhooks_customer FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE
);
CREATE INDEX webhooks_forge ON webhooks (forge);
