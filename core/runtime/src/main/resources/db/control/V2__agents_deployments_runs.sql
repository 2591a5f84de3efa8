-- Agents arrive as plugin jars (deployments); each call of an agent method is a run.
ALTER TABLE customers ADD COLUMN env VARCHAR(32) DEFAULT 'production' NOT NULL;
ALTER TABLE customers ADD COLUMN setup_run_id VARCHAR(40);
ALTER TABLE customers ADD COLUMN error_code VARCHAR(64);
ALTER TABLE customers ADD COLUMN error_message VARCHAR(4000);

CREATE TABLE deployments (
  id          VARCHAR(40)  PRIMARY KEY,
  plugin_id   VARCHAR(200) NOT NULL,
  agent       VARCHAR(200) NOT NULL,
  version     VARCHAR(100) NOT NULL,
  env         VARCHAR(32)  NOT NULL,
  sha256      CHAR(64)     NOT NULL,
  methods     CLOB         NOT NULL,
  active      BOOLEAN      NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX deployments_agent_env ON deployments (agent, env, active);

CREATE TABLE runs (
  id              VARCHAR(40)  PRIMARY KEY,
  customer_id     VARCHAR(63)  NOT NULL,
  deployment_id   VARCHAR(40)  NOT NULL,
  agent           VARCHAR(200) NOT NULL,
  version         VARCHAR(100) NOT NULL,
  method          VARCHAR(200) NOT NULL,
  status          VARCHAR(16)  NOT NULL,
  input           CLOB         NOT NULL,
  result          CLOB,
  error_code      VARCHAR(64),
  error_message   VARCHAR(4000),
  idempotency_key VARCHAR(200),
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  finished_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX runs_customer ON runs (customer_id, created_at);
CREATE UNIQUE INDEX runs_idempotency ON runs (customer_id, idempotency_key);

CREATE TABLE run_events (
  run_id  VARCHAR(40) NOT NULL,
  seq     BIGINT      NOT NULL,
  type    VARCHAR(100) NOT NULL,
  data    CLOB        NOT NULL,
  at      TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (run_id, seq)
);
