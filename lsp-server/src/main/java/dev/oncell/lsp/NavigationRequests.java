package dev.oncell.lsp;

import dev.oncell.client.CustomerFiles;
import dev.oncell.client.CustomerSearch;
import dev.oncell.client.GrepLine;
import dev.oncell.client.GrepRequest;
import dev.oncell.client.OncellApiException;
import dev.oncell.client.SearchRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentPositionParams;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.eclipse.lsp4j.WorkspaceSymbolParams;

/**
 * {@code textDocument/definition}, {@code references} and {@code hover}, best effort and said so:
 * the word under the cursor (read from the cell's file), looked up among the index's symbols
 * (definition) or with a whole-word grep (references). No type information: a name defined twice
 * gives both places.
 */
final class NavigationRequests {

  /** References answered at most; the grep stops there. */
  static final int MAX_REFERENCES = 500;

  /** Files larger than this are not read for the word under the cursor. */
  static final int MAX_FILE_BYTES = 4 << 20;

  private static final Pattern WORD = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

  private final CustomerFiles files;
  private final CustomerSearch search;
  private final SymbolRequests symbols;
  private final CellUris uris;

  NavigationRequests(
      CustomerFiles files, CustomerSearch search, SymbolRequests symbols, CellUris uris) {
    this.files = files;
    this.search = search;
    this.symbols = symbols;
    this.uris = uris;
  }

  List<Location> definition(TextDocumentPositionParams params) {
    Optional<String> word = wordAt(params);
    if (word.isEmpty()) {
      return List.of();
    }
    return symbols.workspaceSymbols(new WorkspaceSymbolParams(word.get())).stream()
        .filter(s -> s.getName().equals(word.get()))
        .map(WorkspaceSymbol::getLocation)
        .map(location -> location.getLeft())
        .toList();
  }

  /** Characters of a symbol's chunk shown on hover. */
  static final int MAX_HOVER_CHARS = 4000;

  /** The chunk of the index that defines the word under the cursor, as Markdown; empty if none. */
  Optional<Hover> hover(TextDocumentPositionParams params) {
    Optional<String> word = wordAt(params);
    if (word.isEmpty()) {
      return Optional.empty();
    }
    return search
        .search(SearchRequest.of(word.get()).withTopK(SymbolRequests.TOP_K))
        .hits()
        .stream()
        .filter(hit -> hit.symbol().filter(word.get()::equals).isPresent())
        .findFirst()
        .map(
            hit -> {
              String code =
                  hit.content().length() > MAX_HOVER_CHARS
                      ? hit.content().substring(0, MAX_HOVER_CHARS) + "\n..."
                      : hit.content();
              String fence = code.contains("```") ? "~~~~" : "```";
              String markdown =
                  "**"
                      + word.get()
                      + "** in `"
                      + hit.path()
                      + "` (lines "
                      + hit.startLine()
                      + "-"
                      + hit.endLine()
                      + ")\n\n"
                      + fence
                      + hit.language()
                      + "\n"
                      + code
                      + "\n"
                      + fence;
              return new Hover(new MarkupContent(MarkupKind.MARKDOWN, markdown));
            });
  }

  List<Location> references(TextDocumentPositionParams params) {
    Optional<String> word = wordAt(params);
    if (word.isEmpty()) {
      return List.of();
    }
    String regex = "\\b" + Pattern.quote(word.get()) + "\\b";
    List<GrepLine> lines = search.grep(GrepRequest.of(regex).withLimit(MAX_REFERENCES)).matches();
    return lines.stream().map(line -> location(line, word.get())).toList();
  }

  private Location location(GrepLine line, String word) {
    int column = Math.max(0, indexOfWord(line.text(), word));
    int row = Math.max(0, line.line() - 1);
    return new Location(
        uris.uri(line.path()),
        new Range(new Position(row, column), new Position(row, column + word.length())));
  }

  private static int indexOfWord(String text, String word) {
    var matcher = WORD.matcher(text);
    while (matcher.find()) {
      if (matcher.group().equals(word)) {
        return matcher.start();
      }
    }
    return text.indexOf(word);
  }

  /** The identifier at the position, read from the cell's copy of the document. */
  Optional<String> wordAt(TextDocumentPositionParams params) {
    if (params == null || params.getTextDocument() == null || params.getPosition() == null) {
      return Optional.empty();
    }
    Optional<String> path = uris.path(params.getTextDocument().getUri());
    if (path.isEmpty() || path.get().isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes;
    try {
      bytes = files.readVersioned(path.get(), MAX_FILE_BYTES).content();
    } catch (OncellApiException e) {
      if (e.status() == 413) {
        return Optional.empty(); // not read into memory: no word to look up
      }
      throw e;
    }
    List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
    int row = params.getPosition().getLine();
    if (row < 0 || row >= lines.size()) {
      return Optional.empty();
    }
    String line = lines.get(row);
    int column = params.getPosition().getCharacter();
    var matcher = WORD.matcher(line);
    while (matcher.find()) {
      if (matcher.start() <= column && column <= matcher.end()) {
        return Optional.of(matcher.group());
      }
    }
    return Optional.empty();
  }
}
