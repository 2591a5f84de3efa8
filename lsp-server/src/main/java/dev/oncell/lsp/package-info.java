/**
 * The language server of one remote cell. {@link dev.oncell.lsp.OncellLsp} starts it on a pair of
 * streams; {@link dev.oncell.lsp.OncellLanguageServer} is a thin facade over one handler per
 * request family; {@link dev.oncell.lsp.OncellProtocol} declares the {@code oncell/} requests and
 * their JSON shapes.
 *
 * <p>Invariants: the server talks to the cell only through {@code dev.oncell.client} (the HTTP API,
 * with the key's rights; {@code ArchitectureTest} in core/cli checks it), so it can run anywhere an
 * editor runs. No handler runs on LSP4J's reader thread. It keeps no copy of the cell's files: a
 * write always carries the version the editor last read, and the server refuses it if the file
 * changed since. Whatever comes from the cell (findings, events) is bounded before it reaches the
 * editor.
 */
package dev.oncell.lsp;
