/**
 * An example agent plugin that ends its work in a pull request: {@link
 * dev.oncell.examples.pr.PrAgent} clones the customer's repository at setup, and its {@code fix}
 * method writes a file on a branch, commits, pushes and keeps one pull request for that branch up
 * to date, with {@code ctx.git()} and {@code ctx.pullRequests()} only.
 *
 * <p>Invariants: the agent never sees a credential (the host holds it); a method's calls depend on
 * its input and on journaled answers only, so a resumed run makes the same calls; the same {@code
 * branch} always leads to the same pull request (the forge's open one for that head is updated).
 */
package dev.oncell.examples.pr;
