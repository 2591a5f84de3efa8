/**
 * JUnit 5 support for agent authors: {@link dev.oncell.testkit.OncellTestKit} runs an agent in
 * throw-away cells of a real embedded host, and {@link dev.oncell.testkit.TestCell} calls it.
 *
 * <p>Invariants: the agent is always loaded by PF4J from a plugin jar, never from the test's class
 * path, so it behaves as deployed; every host lives in its own temporary {@code ONCELL_HOME},
 * removed after the test class; a customer made during a test is deleted after that test.
 */
package dev.oncell.testkit;
