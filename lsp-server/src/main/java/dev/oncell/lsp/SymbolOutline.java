package dev.oncell.lsp;

import dev.oncell.client.CodeSymbol;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SymbolKind;

/**
 * A file's symbols from the index as the editor's outline: nested by their qualified names ({@code
 * Invoices.parseInvoiceTotal} under {@code Invoices}), each pointing at the line that names it. The
 * index keeps a class's header and its members as separate chunks, so a parent's range is widened
 * to hold its children's, as LSP asks.
 */
final class SymbolOutline {

  /** Most symbols of one file given to the editor. */
  static final int MAX_SYMBOLS = 5_000;

  private static final Map<String, SymbolKind> KINDS =
      Map.ofEntries(
          Map.entry("class", SymbolKind.Class),
          Map.entry("interface", SymbolKind.Interface),
          Map.entry("annotation", SymbolKind.Interface),
          Map.entry("enum", SymbolKind.Enum),
          Map.entry("record", SymbolKind.Struct),
          Map.entry("type", SymbolKind.Class),
          Map.entry("namespace", SymbolKind.Namespace),
          Map.entry("method", SymbolKind.Method),
          Map.entry("constructor", SymbolKind.Constructor),
          Map.entry("function", SymbolKind.Function),
          Map.entry("section", SymbolKind.String));

  private SymbolOutline() {}

  /**
   * The outline of {@code symbols} (in line order), with {@code lines} the file's text as the cell
   * has it now (empty if it could not be read: names then point at their symbol's first line).
   */
  static List<DocumentSymbol> of(List<CodeSymbol> symbols, List<String> lines) {
    List<DocumentSymbol> roots = new ArrayList<>();
    Deque<Open> open = new ArrayDeque<>();
    for (CodeSymbol s : symbols.subList(0, Math.min(symbols.size(), MAX_SYMBOLS))) {
      boolean code = !s.kind().equals("section");
      while (!open.isEmpty() && !(code && s.name().startsWith(open.peek().qualified() + "."))) {
        open.pop();
      }
      if (code) {
        addMissingParents(s, open, roots, lines);
      }
      DocumentSymbol symbol = symbol(s, lines);
      add(symbol, open, roots);
      open.push(new Open(s.name(), symbol));
    }
    return roots;
  }

  private record Open(String qualified, DocumentSymbol symbol) {}

  private static void add(DocumentSymbol symbol, Deque<Open> open, List<DocumentSymbol> roots) {
    if (open.isEmpty()) {
      roots.add(symbol);
      return;
    }
    open.peek().symbol().getChildren().add(symbol);
    for (Open parent : open) {
      widen(parent.symbol(), symbol.getRange());
    }
  }

  /**
   * A member whose type has no symbol of its own (a short class header shares its first member's
   * chunk, which takes the member's symbol): the type is made up, starting at the line above that
   * names it, so that the member still sits under it.
   */
  private static void addMissingParents(
      CodeSymbol s, Deque<Open> open, List<DocumentSymbol> roots, List<String> lines) {
    String[] parts = s.name().split("\\.");
    String known = open.isEmpty() ? "" : open.peek().qualified();
    StringBuilder qualified = new StringBuilder();
    for (int i = 0; i < parts.length - 1; i++) {
      qualified.append(i == 0 ? "" : ".").append(parts[i]);
      if (qualified.length() <= known.length()) {
        continue; // that one is open already
      }
      int line = s.startLine();
      for (int row = s.startLine() - 1; row >= Math.max(1, s.startLine() - LOOK_BACK); row--) {
        if (row <= lines.size() && lines.get(row - 1).contains(parts[i])) {
          line = row;
          break;
        }
      }
      DocumentSymbol parent =
          symbol(new CodeSymbol(qualified.toString(), "class", line, s.endLine()), lines);
      add(parent, open, roots);
      open.push(new Open(qualified.toString(), parent));
    }
  }

  /** Lines above a member looked through for its made-up type's name. */
  static final int LOOK_BACK = 50;

  private static DocumentSymbol symbol(CodeSymbol s, List<String> lines) {
    boolean code = !s.kind().equals("section");
    String name = code ? s.name().substring(s.name().lastIndexOf('.') + 1) : s.name();
    int first = Math.max(0, s.startLine() - 1);
    int last = Math.max(first, s.endLine() - 1);
    int lastLength = last < lines.size() ? lines.get(last).length() : 0;
    Range range = new Range(new Position(first, 0), new Position(last, lastLength));
    Range selection = new Range(new Position(first, 0), new Position(first, 0));
    for (int row = first; row <= last && row < lines.size(); row++) {
      int column = lines.get(row).indexOf(name);
      if (column >= 0) {
        selection = new Range(new Position(row, column), new Position(row, column + name.length()));
        break;
      }
    }
    DocumentSymbol symbol =
        new DocumentSymbol(
            name, KINDS.getOrDefault(s.kind(), SymbolKind.Variable), range, selection);
    symbol.setDetail(name.equals(s.name()) ? s.kind() : s.name());
    symbol.setChildren(new ArrayList<>());
    return symbol;
  }

  private static void widen(DocumentSymbol parent, Range child) {
    Position end = child.getEnd();
    Position current = parent.getRange().getEnd();
    if (end.getLine() > current.getLine()
        || (end.getLine() == current.getLine() && end.getCharacter() > current.getCharacter())) {
      parent.getRange().setEnd(end);
    }
  }
}
