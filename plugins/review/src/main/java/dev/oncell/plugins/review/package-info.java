/**
 * The review agent ({@link dev.oncell.plugins.review.ReviewAgent}, agent name {@code review}):
 * reviews a pull request with a model and posts what it found on the forge.
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>Only the public agent API: everything outside the cell goes through {@code ctx.git()},
 *       {@code ctx.pullRequests()} and {@code ctx.llm}, each a journaled step, so a resumed run
 *       posts nothing twice that was journaled as posted.
 *   <li>Nothing the model says is posted unchecked: {@link dev.oncell.plugins.review.FindingCheck}
 *       anchors each finding to a line of the pull request's diff or moves it to the summary.
 *   <li>A finding is posted once per pull request: {@link dev.oncell.plugins.review.ReviewLedger}
 *       keeps every posted {@link dev.oncell.plugins.review.Fingerprint} in the cell's database.
 *   <li>One summary comment per pull request, edited in place by later reviews; its id lives in the
 *       ledger. A finding whose line is gone at a later head is marked resolved there and no longer
 *       counts for the verdict.
 *   <li>Secrets are never left to the model alone: added lines go through agent-tools' {@code
 *       SecretDetector}, and a secret's value is only ever shown redacted.
 *   <li>The rules come from the base branch ({@link dev.oncell.plugins.review.ReviewConfig}): a
 *       pull request cannot loosen its own review.
 *   <li>Iteration order is deterministic (lists in diff order, {@code TreeMap}s): the prompt, and
 *       so the journal's request hashes, are the same on a replay.
 * </ul>
 */
package dev.oncell.plugins.review;
