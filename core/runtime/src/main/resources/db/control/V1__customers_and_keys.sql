-- The control plane: which cells exist and who may call the API.
CREATE TABLE customers (
  id             VARCHAR(63)  PRIMARY KEY,
  state          VARCHAR(16)  NOT NULL,
  agent          VARCHAR(200),
  config         CLOB         NOT NULL,
  created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  last_active_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Keys are stored as SHA-256 hashes of high-entropy tokens; the token itself is never stored.
CREATE TABLE api_keys (
  key_hash    CHAR(64)     PRIMARY KEY,
  scope       VARCHAR(16)  NOT NULL,
  customer_id VARCHAR(63),
  label       VARCHAR(200) NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
