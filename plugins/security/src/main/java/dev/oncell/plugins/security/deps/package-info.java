/**
 * The security agent's dependency engine: lock files and manifests ({@code package-lock.json},
 * {@code pnpm-lock.yaml}, {@code yarn.lock}, {@code pom.xml}, {@code requirements*.txt}, {@code
 * poetry.lock}, {@code go.sum}, {@code Cargo.lock}) matched against an OSV snapshot the operator
 * imports into the cell's database.
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>Nothing a scanned file holds escapes a scan as an exception: a file too large, not UTF-8 or
 *       malformed is reported as skipped with its reason ({@code Lockfiles}).
 *   <li>A dependency without an exact version is reported as unresolved, never guessed.
 *   <li>An import replaces an ecosystem's snapshot all at once or not at all ({@link
 *       dev.oncell.plugins.security.deps.OsvStore}); a report names the snapshot it used.
 *   <li>Versions compare by the ecosystem's own ordering: SemVer 2.0 (npm, crates.io, Go), Maven's
 *       {@code ComparableVersion}, PEP 440 (PyPI).
 *   <li>No network, no clock but through a recorded step, no iteration of hash-ordered maps in
 *       anything reported.
 * </ul>
 */
package dev.oncell.plugins.security.deps;
