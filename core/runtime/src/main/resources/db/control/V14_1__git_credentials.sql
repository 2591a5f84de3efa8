-- Customers' git credentials (issue 14, item 1): one per customer and host, the token sealed like the
-- operator's secrets (AES-GCM under ONCELL_HOME/secrets.key; the customer and host are the associated
-- data). A credential may be stored before its customer is created (the setup run's clone needs it),
-- and goes with its customer: ControlPlane.deleteCustomer removes the rows in the customer's own
-- transaction, so a customer made later under the same id never inherits them.
CREATE TABLE git_credentials (
  customer_id VARCHAR(63)      NOT NULL,
  host        VARCHAR(255)     NOT NULL,
  username    VARCHAR(256),
  nonce       VARBINARY(12)    NOT NULL,
  ciphertext  VARBINARY(20000) NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (customer_id, host)
);
