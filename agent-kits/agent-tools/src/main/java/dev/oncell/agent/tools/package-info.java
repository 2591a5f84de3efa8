/**
 * Helpers for agent authors, written against the public agent API only, so that an agent plugin can
 * bundle them: {@link dev.oncell.agent.tools.EditBlocks} (a model's SEARCH/REPLACE edits, applied
 * exactly or not at all), {@link dev.oncell.agent.tools.SecretDetector} (what must never be
 * committed or let through review) and {@link dev.oncell.agent.tools.Toolchains} (how a repository
 * runs its tests).
 *
 * <p>Invariants: nothing here keeps state or touches the network; every function is deterministic
 * in its input (a replayed run computes the same edits and findings); an edit that cannot be
 * applied is reported with a reason, never dropped and never half-applied; a secret found is
 * reported redacted, never in full.
 */
package dev.oncell.agent.tools;
