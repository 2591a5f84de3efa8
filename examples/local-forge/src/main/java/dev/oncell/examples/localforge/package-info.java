/**
 * A local stand-in for a forge, to try oncell's git and pull requests on one machine: {@link
 * dev.oncell.examples.localforge.LocalForge} serves bare repositories over git smart HTTP (the
 * platform tests' {@code LoopbackGitServer}) and GitHub's pulls API (their {@code FakeGitHub}) on
 * 127.0.0.1, both behind one token. It is not a forge: pull requests live in memory, there are no
 * users, no web pages and no webhooks.
 *
 * <p>Invariants: both servers listen on 127.0.0.1 only; every request needs the token; the token
 * and the repositories stay in the folder given at start, so a restart keeps them (with new ports).
 */
package dev.oncell.examples.localforge;
