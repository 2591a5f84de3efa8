package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * {@code GET /v1/customers/:id/symbols?path=...}: the symbols the index keeps of one file, in line
 * order; empty for a file that is not indexed.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SymbolsJson(String path, List<Symbol> symbols) {

  /** One symbol: qualified name, kind ({@code class}, {@code method}, ...), 1-based lines. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Symbol(String name, String kind, int startLine, int endLine) {}
}
