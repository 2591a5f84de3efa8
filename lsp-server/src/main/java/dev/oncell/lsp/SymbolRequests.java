package dev.oncell.lsp;

import dev.oncell.client.CodeHit;
import dev.oncell.client.CodeSymbol;
import dev.oncell.client.CustomerFiles;
import dev.oncell.client.CustomerSearch;
import dev.oncell.client.OncellApiException;
import dev.oncell.client.SearchRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.eclipse.lsp4j.WorkspaceSymbolParams;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * {@code workspace/symbol} and {@code textDocument/documentSymbol} from the cell's index. For
 * {@code workspace/symbol}: its chunks carry the tree-sitter symbol they belong to, so a search for
 * the query, kept to hits with a symbol, is a ranked symbol search. Best effort: the index must be
 * built ({@code POST /v1/customers/:id/index}), and a symbol is found by its name's words, not by a
 * language server's semantics.
 */
final class SymbolRequests {

  /** Hits asked of the index; the editor gets at most this many symbols. */
  static final int TOP_K = 50;

  private final CustomerSearch search;
  private final CustomerFiles files;
  private final CellUris uris;

  SymbolRequests(CustomerSearch search, CustomerFiles files, CellUris uris) {
    this.search = search;
    this.files = files;
    this.uris = uris;
  }

  /**
   * {@code textDocument/documentSymbol}: the symbols the index keeps of the file ({@code GET
   * /v1/customers/:id/symbols}), nested by qualified name ({@link SymbolOutline}). Best effort, as
   * of the last index run; a file that is not indexed, or a document of another cell, has none.
   */
  List<DocumentSymbol> documentSymbols(DocumentSymbolParams params, CancelChecker cancel) {
    if (params == null || params.getTextDocument() == null) {
      throw Failures.invalidParams("invalid_uri", "documentSymbol needs a textDocument");
    }
    Optional<String> path =
        uris.path(Objects.requireNonNullElse(params.getTextDocument().getUri(), ""));
    if (path.isEmpty() || path.get().isEmpty()) {
      return List.of();
    }
    List<CodeSymbol> symbols = search.symbols(path.get());
    if (symbols.isEmpty()) {
      return List.of();
    }
    cancel.checkCanceled();
    return SymbolOutline.of(symbols, lines(path.get()));
  }

  /** The file's lines now, to point at each name; none if it is gone or too large. */
  private List<String> lines(String path) {
    try {
      byte[] bytes = files.read(path);
      return bytes.length > NavigationRequests.MAX_FILE_BYTES
          ? List.of()
          : new String(bytes, StandardCharsets.UTF_8).lines().toList();
    } catch (OncellApiException e) {
      return List.of();
    }
  }

  List<WorkspaceSymbol> workspaceSymbols(WorkspaceSymbolParams params) {
    String query = params == null || params.getQuery() == null ? "" : params.getQuery().strip();
    if (query.isEmpty()) {
      return List.of();
    }
    // One entry per symbol and file, best hit first.
    Map<String, WorkspaceSymbol> symbols = new LinkedHashMap<>();
    for (CodeHit hit : search.search(SearchRequest.of(query).withTopK(TOP_K)).hits()) {
      if (hit.symbol().isEmpty()) {
        continue;
      }
      String name = hit.symbol().get();
      symbols.computeIfAbsent(
          hit.path() + "#" + name,
          k -> {
            // The chunk's line that names the symbol, else the chunk's first line.
            List<String> lines = hit.content().lines().limit(MAX_SCANNED_LINES).toList();
            int offset = 0;
            while (offset < lines.size() && !lines.get(offset).contains(name)) {
              offset++;
            }
            String declaration = offset < lines.size() ? lines.get(offset) : "";
            int line = Math.max(0, hit.startLine() - 1) + (offset < lines.size() ? offset : 0);
            int column = Math.max(0, declaration.indexOf(name));
            Range range =
                new Range(new Position(line, column), new Position(line, column + name.length()));
            WorkspaceSymbol symbol =
                new WorkspaceSymbol(
                    name,
                    kind(declaration),
                    Either.forLeft(new Location(uris.uri(hit.path()), range)));
            symbol.setContainerName(hit.path());
            return symbol;
          });
    }
    return List.copyOf(symbols.values());
  }

  /** Lines of a chunk looked through for the symbol's name. */
  static final int MAX_SCANNED_LINES = 200;

  /** A guess from the line that declares the symbol; the index does not store the kind. */
  static SymbolKind kind(String declaration) {
    String head = declaration.toLowerCase(Locale.ROOT);
    if (head.matches(".*\\b(class|record|struct)\\b.*")) {
      return SymbolKind.Class;
    }
    if (head.matches(".*\\b(interface|trait|protocol)\\b.*")) {
      return SymbolKind.Interface;
    }
    if (head.matches(".*\\benum\\b.*")) {
      return SymbolKind.Enum;
    }
    return head.contains("(") ? SymbolKind.Method : SymbolKind.Variable;
  }
}
