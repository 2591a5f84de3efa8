/**
 * The migration agent ({@code migration}): migrates a customer's repository step by step, from a
 * recipe's rules (data, {@code recipes.json} and the customer's {@code config.recipes}) or the
 * model's plan, each step gated by the real build and tests in the cell and committed on its own,
 * then one pull request with a table of the steps.
 *
 * <p>Written only against the public agent API and {@code agent-tools}, as an outside author would.
 * Invariants: the gates are the agent's own code (tests pass, their number does not drop, no test
 * method is deleted or emptied, coverage drops by at most the configured points, no secret), never
 * the model's word; a step is committed only when it passes them, with exactly the files it
 * changed, and otherwise put back; the cell's files are reached only through {@code git} in the
 * cell and {@code ctx.store()} (never a host path, never a link followed), every host-side regex
 * and parse on them is bounded in size and time; bad input fails before anything changes; every
 * decision depends on the input, the configuration and journaled answers, so a resumed run makes
 * the same calls and applies no step twice.
 */
package dev.oncell.plugins.migration;
