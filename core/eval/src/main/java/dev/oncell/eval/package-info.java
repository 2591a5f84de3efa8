/**
 * The evaluation harness, {@code oncell eval coding|review}: runs a shipped agent on every task of
 * a suite in a real in-process host (temporary home, real sandbox, a loopback git remote whose port
 * also serves a GitHub stand-in) and scores what it did.
 *
 * <p>Invariants: every task gets its own repository and its own customer, deleted after the task; a
 * task's outcome is computed only from what is outside the agent's reach (the remote, the forge
 * stand-in, the hidden test run in the cell after the agent finished); suites, tasks and rows are
 * always in name order, so two runs of a scripted suite print the same table but for times.
 */
package dev.oncell.eval;
