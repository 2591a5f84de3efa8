package dev.oncell.client;

import java.util.Objects;

/**
 * A symbol of an indexed file, as the index's tree-sitter chunks name it.
 *
 * @param name qualified where possible ({@code Invoices.parseInvoiceTotal})
 * @param kind {@code class}, {@code interface}, {@code enum}, {@code record}, {@code method},
 *     {@code constructor}, {@code function}, {@code type}, {@code namespace}, {@code section}, ...
 * @param startLine 1-based, inclusive (the definition's comments and annotations included)
 * @param endLine 1-based, inclusive
 */
public record CodeSymbol(String name, String kind, int startLine, int endLine) {
  public CodeSymbol {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
  }
}
