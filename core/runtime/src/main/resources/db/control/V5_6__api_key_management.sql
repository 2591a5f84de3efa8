-- Key management (issue 12, finding 6): every key gets a public id and a hint (the key itself is
-- still only stored as its SHA-256 hash), an optional expiry, and a revocation time instead of
-- living forever. One active operator key is the bootstrap key (ONCELL_API_KEY or operator.key).
ALTER TABLE api_keys ADD COLUMN id VARCHAR(40);
ALTER TABLE api_keys ADD COLUMN hint VARCHAR(40) DEFAULT '****' NOT NULL;
ALTER TABLE api_keys ADD COLUMN bootstrap BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE api_keys ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE api_keys ADD COLUMN revoked_at TIMESTAMP WITH TIME ZONE;

-- Keys made before this migration: a random id each, and the start-up keys marked as bootstrap.
UPDATE api_keys SET id = 'key_' || LOWER(SUBSTRING(REPLACE(CAST(RANDOM_UUID() AS VARCHAR), '-', ''), 1, 16));
UPDATE api_keys SET bootstrap = TRUE
  WHERE scope = 'OPERATOR' AND label IN ('generated', 'ONCELL_API_KEY');

ALTER TABLE api_keys ALTER COLUMN id SET NOT NULL;
CREATE UNIQUE INDEX api_keys_id ON api_keys (id);
CREATE INDEX api_keys_customer ON api_keys (customer_id);
