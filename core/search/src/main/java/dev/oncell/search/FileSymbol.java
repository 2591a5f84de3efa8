package dev.oncell.search;

import java.util.Objects;

/**
 * A symbol of an indexed file, as the chunker found it: the tree-sitter definition that a chunk
 * belongs to. Consecutive chunks of one definition (a long method split at its statements) are one
 * symbol spanning them all.
 *
 * @param name qualified where possible ({@code Invoices.parseInvoiceTotal})
 * @param kind the chunk's kind: {@code class}, {@code interface}, {@code enum}, {@code record},
 *     {@code annotation}, {@code type}, {@code namespace}, {@code method}, {@code constructor},
 *     {@code function} or {@code section}
 * @param startLine 1-based, inclusive; the definition's comments and annotations included
 * @param endLine 1-based, inclusive
 */
public record FileSymbol(String name, String kind, int startLine, int endLine) {

  public FileSymbol {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    if (startLine < 1 || endLine < startLine) {
      throw new IllegalArgumentException("bad line range " + startLine + ".." + endLine);
    }
  }
}
