-- The sandbox backend a deployment's cells run in; NULL means the host's default (HostConfig.sandbox).
ALTER TABLE deployments ADD COLUMN sandbox VARCHAR(32);
