/**
 * The coding agent ({@code coding}): clones a customer's repository, and for each {@code task}
 * plans a change with the model, edits with SEARCH/REPLACE blocks, runs the repository's tests
 * until they pass (a bounded number of rounds), and delivers the change as a pull request.
 *
 * <p>Written only against the public agent API and {@code agent-tools}, as an outside author would.
 * Invariants: edits stay under {@code /work} ({@link dev.oncell.agent.tools.EditBlocks} refuses
 * other paths); only the files the model edited are committed, and none that {@link
 * dev.oncell.agent.tools.SecretDetector} flags; a branch whose tests did not pass is never pushed;
 * every decision depends on the input, the configuration and journaled answers (model, shell, git),
 * so a resumed run makes the same calls.
 */
package dev.oncell.plugins.coding;
