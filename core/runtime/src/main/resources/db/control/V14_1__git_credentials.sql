-- Customers' git credentials (issue 14, item 1): one per customer and host, the token sealed like the
-- operator's secrets (AES-GCM under ONCELL_HOME/secrets.key; the customer and host are the associated
-- data). A credential goes with its customer: ControlPlane.deleteCustomer removes the rows in the
-- customer's own transaction, and the foreign key makes a set that races a deletion fail.
CREATE TABLE git_credentials (
  customer_id VARCHAR(63)      NOT NULL,
  host        VARCHAR(255)     NOT NULL,
  username    VARCHAR(256),
  nonce       VARBINARY(12)    NOT NULL,
  ciphertext  VARBINARY(20000) NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (customer_id, host),
  CONSTRAINT git_credentials_customer FOREIGN KEY (customer_id)
    REFERENCES customers (id) ON DELETE CASCADE
);
