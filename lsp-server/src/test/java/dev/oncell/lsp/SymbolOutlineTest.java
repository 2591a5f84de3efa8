package dev.oncell.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.client.CodeSymbol;
import java.util.List;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.SymbolKind;
import org.junit.jupiter.api.Test;

/** The index's symbols of a file as an outline: nesting, made-up types, names pointed at. */
class SymbolOutlineTest {

  private static final List<String> LINES =
      """
      package shop;

      public class Ledger {
        long rate() { return 3; }

        long settle(long amount) {
          return amount * rate();
        }

        static class Entry {
          long value() { return 1; }
        }
      }
      """
          .lines()
          .toList();

  @Test
  void membersNestUnderTheirTypeAndATypeWithoutASymbolIsMadeUpAboveThem() {
    List<DocumentSymbol> outline =
        SymbolOutline.of(
            List.of(
                new CodeSymbol("Ledger.rate", "method", 3, 4),
                new CodeSymbol("Ledger.settle", "method", 6, 8),
                new CodeSymbol("Ledger.Entry", "class", 10, 10),
                new CodeSymbol("Ledger.Entry.value", "method", 11, 12)),
            LINES);

    assertThat(outline).hasSize(1);
    DocumentSymbol ledger = outline.getFirst();
    assertThat(ledger.getName()).isEqualTo("Ledger");
    assertThat(ledger.getKind()).isEqualTo(SymbolKind.Class);
    assertThat(ledger.getSelectionRange().getStart())
        .as("the made-up type points at the line above that names it")
        .isEqualTo(new Position(2, 13));
    assertThat(ledger.getChildren())
        .extracting(DocumentSymbol::getName)
        .containsExactly("rate", "settle", "Entry");
    DocumentSymbol entry = ledger.getChildren().get(2);
    assertThat(entry.getChildren()).extracting(DocumentSymbol::getName).containsExactly("value");
    assertThat(entry.getRange().getEnd().getLine()).as("widened to its member").isEqualTo(11);
    assertThat(ledger.getRange().getEnd().getLine()).isEqualTo(11);
    assertThat(ledger.getChildren().get(1).getSelectionRange().getStart())
        .isEqualTo(new Position(5, 7));
  }

  @Test
  void sectionsStayFlatAndAFileThatChangedSinceKeepsItsLines() {
    List<DocumentSymbol> outline =
        SymbolOutline.of(
            List.of(
                new CodeSymbol("Setup. Then run", "section", 1, 3),
                new CodeSymbol("Usage", "section", 4, 9)),
            List.of("# Setup. Then run", "", "text"));

    assertThat(outline)
        .extracting(DocumentSymbol::getName)
        .containsExactly("Setup. Then run", "Usage");
    assertThat(outline.get(1).getSelectionRange().getStart())
        .as("a line the file no longer has: the symbol's first line")
        .isEqualTo(new Position(3, 0));
    assertThat(outline).allSatisfy(s -> assertThat(s.getKind()).isEqualTo(SymbolKind.String));
  }
}
