/**
 * What the host keeps on disk. {@link dev.oncell.runtime.internal.store.ControlPlane} is the
 * control-plane H2 database (customers, keys, deployments, runs, events, usage, secrets, git
 * credentials; Flyway scripts in {@code db/control}); {@code ApiKeyStore}, {@code BootstrapKey} and
 * {@code OperatorKeyFile} the API keys; {@code SecretStore} the operator's secrets; {@code
 * GitCredentialStore} customers' git credentials; {@code RunStore} runs and their events; {@code
 * LlmUsageStore} token usage and budgets. {@code CellDatabase} is the H2 wrapper a cell's database
 * uses (it refuses writes below {@code RESERVE_BYTES} free).
 *
 * <p>Invariants: both H2 databases use {@code WRITE_DELAY=0}; H2 closes a database for good after
 * one failed write, so the control plane and a cell's database notice and open it again on the next
 * call. Every file the host owns is written whole or not at all ({@code DurableFiles}: temporary
 * file, fsync, rename, fsync of the folder). {@code Json} is the runtime's one JSON mapper, {@code
 * Sha256} its one hash helper. {@code AtRestCipher} is the one way a value the host must keep but
 * never show is encrypted (secrets and git credentials alike, under {@code secrets.key}); no store
 * has a cipher of its own.
 *
 * <p>Uses no other internal package.
 */
package dev.oncell.runtime.internal.store;
