-- Operator secrets, encrypted with AES-GCM under ONCELL_HOME/secrets.key (the name is the associated
-- data, so a ciphertext cannot be moved to another name). The plaintext is never stored.
CREATE TABLE secrets (
  name        VARCHAR(128)     PRIMARY KEY,
  nonce       VARBINARY(12)    NOT NULL,
  ciphertext  VARBINARY(70000) NOT NULL,
  updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Tokens spent through ctx.llm, per customer, deployment, provider, model and UTC day.
CREATE TABLE llm_usage (
  customer_id    VARCHAR(63)  NOT NULL,
  deployment_id  VARCHAR(40)  NOT NULL,
  provider       VARCHAR(40)  NOT NULL,
  model          VARCHAR(200) NOT NULL,
  usage_day      DATE         NOT NULL,
  requests       BIGINT       NOT NULL,
  input_tokens   BIGINT       NOT NULL,
  output_tokens  BIGINT       NOT NULL,
  PRIMARY KEY (customer_id, deployment_id, provider, model, usage_day)
);
CREATE INDEX llm_usage_deployment ON llm_usage (deployment_id, usage_day);
