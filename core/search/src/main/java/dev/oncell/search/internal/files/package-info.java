/**
 * The files an index sees: {@link dev.oncell.search.internal.files.Scope} resolves a requested path
 * inside the root (never outside it), {@link dev.oncell.search.internal.files.FileWalker} lists the
 * files under it the way git would track them (no {@code .git/}, nothing a {@code .gitignore} or
 * {@code .git/info/exclude} ignores, no symbolic link leaving the root), through directory
 * descriptors that never follow a link the cell may have swapped in (see {@code
 * dev.oncell.sandbox.fs}), {@link dev.oncell.search.internal.files.Glob} filters paths, {@link
 * dev.oncell.search.internal.files.TextFiles} tells text from binary. Paths are relative to the
 * root with {@code /} separators and no leading {@code /}.
 */
package dev.oncell.search.internal.files;
