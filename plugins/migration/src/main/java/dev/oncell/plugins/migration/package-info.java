/**
 * The migration agent (agent name {@code migration}): migrates a customer's repository step by
 * step, each step gated by the build and the tests and committed on its own.
 */
package dev.oncell.plugins.migration;
