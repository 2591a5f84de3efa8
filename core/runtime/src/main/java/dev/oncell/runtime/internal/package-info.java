/**
 * The runtime's implementation. Not API. {@link dev.oncell.runtime.internal.DefaultHost} opens the
 * host and wires the sub-packages, one per concern:
 *
 * <ul>
 *   <li>{@code cell}: live cells and their lifecycle, the registry, handles, limits and profiles,
 *       idle pausing, the work folder, memory, database and index views, shell, uploads, search.
 *   <li>{@code run}: runs: admission and launch, execution and cancellation, recovery, the read
 *       side, the Context choke point and its journaled views, events.
 *   <li>{@code journal}: the journal file format, canonical request hashes, the step failures.
 *   <li>{@code llm}: {@code ctx.llm}: the host's router, one call, its tools.
 *   <li>{@code deploy}: deployments and their plugin jars.
 *   <li>{@code egress}: a cell's egress proxy and the download client behind {@code ctx.upload}.
 *   <li>{@code store}: the control plane and its stores (keys, secrets, runs, usage), H2 and file
 *       durability, the JSON mapper.
 *   <li>{@code plugins}: loading agent plugins.
 * </ul>
 *
 * <p>Arrows: {@code run} uses cell, deploy, llm, journal, plugins, store; {@code deploy} uses cell,
 * egress, plugins, store; {@code cell} uses egress, llm, store; {@code llm} uses journal, plugins,
 * store; {@code egress} uses store; {@code store}, {@code journal} and {@code plugins} use no
 * other. No sub-package uses this one, and there are no cycles between them ({@code
 * ArchitectureTest} in core/cli). Where a lower package needs something of a higher one it declares
 * a narrow interface ({@code CellProfiles.ServingVersions}, {@code LlmCall.Run}) that the higher
 * one implements.
 *
 * <p>Every file the host owns is written whole or not at all ({@code store.DurableFiles}); a write
 * on a full disk fails with {@code disk_full} and changes nothing, and the H2 stores open their
 * database again by themselves once space returns.
 */
package dev.oncell.runtime.internal;
