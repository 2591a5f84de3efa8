package dev.oncell.lsp;

import static dev.oncell.lsp.FileRequestsTest.code;
import static dev.oncell.lsp.FileRequestsTest.error;
import static dev.oncell.lsp.FileRequestsTest.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.lsp.OncellProtocol.GrepParams;
import dev.oncell.lsp.OncellProtocol.SearchParams;
import dev.oncell.runtime.fixtures.TestHost;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.eclipse.lsp4j.WorkspaceSymbolParams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The cell's index through the language server: workspace/symbol, oncell/search, oncell/grep. */
class SymbolRequestsTest {

  private static final String INVOICES =
      """
      package shop;

      public class Invoices {
        public long parseInvoiceTotal(String line) {
          return Long.parseLong(line.split(",")[2]);
        }
      }
      """;

  private static final String REPORT =
      """
      package shop;

      class Report {
        long total(Invoices invoices) {
          return invoices.parseInvoiceTotal("a,b,3");
        }
      }
      """;

  @RegisterExtension final TestHost oncell = TestHost.create();
  private LspSession lsp;

  @BeforeEach
  void start() throws Exception {
    lsp = new LspSession(oncell, "acme");
    lsp.client.customers().create("acme");
    lsp.client
        .files("acme")
        .write("src/shop/Invoices.java", INVOICES.getBytes(StandardCharsets.UTF_8));
    lsp.client.files("acme").write("src/shop/Report.java", REPORT.getBytes(StandardCharsets.UTF_8));
    lsp.client.search("acme").index("/work");
    InitializeParams params = new InitializeParams();
    params.setCapabilities(new ClientCapabilities());
    get(lsp.server.initialize(params));
  }

  @AfterEach
  void stop() {
    lsp.close();
  }

  @Test
  void workspaceSymbolFindsASymbolOfTheIndexAtItsDeclaration() throws Exception {
    List<? extends WorkspaceSymbol> symbols =
        get(lsp.server.getWorkspaceService().symbol(new WorkspaceSymbolParams("Invoices")))
            .getRight();

    WorkspaceSymbol found =
        symbols.stream()
            .filter(s -> s.getName().equals("Invoices"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no Invoices in " + symbols));
    assertThat(found.getLocation().getLeft().getUri())
        .isEqualTo("oncell://acme/src/shop/Invoices.java");
    assertThat(found.getLocation().getLeft().getRange().getStart())
        .as("0-based line and column of the name in its declaration")
        .isEqualTo(new org.eclipse.lsp4j.Position(2, 13));
    assertThat(found.getKind()).isEqualTo(SymbolKind.Class);
  }

  @Test
  void definitionAndReferencesOfTheWordUnderTheCursor() throws Exception {
    var document =
        new org.eclipse.lsp4j.TextDocumentIdentifier("oncell://acme/src/shop/Report.java");
    // Line 3 (0-based) is "  long total(Invoices invoices) {": the cursor inside "Invoices".
    var definitions =
        get(lsp.server
                .getTextDocumentService()
                .definition(
                    new org.eclipse.lsp4j.DefinitionParams(
                        document, new org.eclipse.lsp4j.Position(3, 16))))
            .getLeft();
    assertThat(definitions)
        .extracting(l -> l.getUri(), l -> l.getRange().getStart().getLine())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("oncell://acme/src/shop/Invoices.java", 2));

    var references =
        get(
            lsp.server
                .getTextDocumentService()
                .references(
                    new org.eclipse.lsp4j.ReferenceParams(
                        document,
                        new org.eclipse.lsp4j.Position(4, 25),
                        new org.eclipse.lsp4j.ReferenceContext(true))));
    assertThat(references)
        .as("whole-word matches of parseInvoiceTotal, in path order")
        .extracting(l -> l.getUri(), l -> l.getRange().getStart().getLine())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("oncell://acme/src/shop/Invoices.java", 3),
            org.assertj.core.groups.Tuple.tuple("oncell://acme/src/shop/Report.java", 4));

    var hover =
        get(
            lsp.server
                .getTextDocumentService()
                .hover(
                    new org.eclipse.lsp4j.HoverParams(
                        document, new org.eclipse.lsp4j.Position(3, 16))));
    assertThat(hover.getContents().getRight().getValue())
        .startsWith("**Invoices** in `src/shop/Invoices.java`")
        .contains("```java", "public class Invoices");
    assertThat(
            get(
                lsp.server
                    .getTextDocumentService()
                    .hover(
                        new org.eclipse.lsp4j.HoverParams(
                            document, new org.eclipse.lsp4j.Position(1, 0)))))
        .as("an empty line has nothing to show")
        .isNull();

    var elsewhere =
        new org.eclipse.lsp4j.DefinitionParams(
            new org.eclipse.lsp4j.TextDocumentIdentifier("file:///etc/passwd"),
            new org.eclipse.lsp4j.Position(0, 0));
    assertThat(get(lsp.server.getTextDocumentService().definition(elsewhere)).getLeft())
        .as("a document outside the cell has no definitions here")
        .isEmpty();
  }

  @Test
  void documentSymbolNestsTheIndexsSymbolsOfAFileAndPointsAtTheirNames() throws Exception {
    String body =
        "    long sum = 0;\n"
            + "    for (long amount : amounts) {\n"
            + "      sum += amount * 3; // each item of the ledger counts three times\n"
            + "    }\n"
            + "    // Refunds are negative amounts: they count three times as well, so that a\n"
            + "    // refund undoes its sale exactly; the ledger never rounds on its own.\n"
            + "    return sum; // the caller rounds it as the shop's rules say\n";
    String ledger =
        "package shop;\n\n"
            + "/** The shop's ledger, with enough code that each method is a chunk of its own. */\n"
            + "public class Ledger {\n"
            + "  public long total(long[] amounts) {\n"
            + body
            + "  }\n\n"
            + "  public long settle(long[] amounts, long fee) {\n"
            + body.replace("sum;", "sum + fee;")
            + "  }\n"
            + "}\n";
    lsp.client.files("acme").write("src/shop/Ledger.java", ledger.getBytes(StandardCharsets.UTF_8));
    lsp.client.search("acme").index("/work");
    var document =
        new org.eclipse.lsp4j.TextDocumentIdentifier("oncell://acme/src/shop/Ledger.java");

    var outline =
        get(
            lsp.server
                .getTextDocumentService()
                .documentSymbol(new org.eclipse.lsp4j.DocumentSymbolParams(document)));

    assertThat(outline).hasSize(1);
    var ledgerClass = outline.getFirst().getRight();
    assertThat(ledgerClass.getName()).isEqualTo("Ledger");
    assertThat(ledgerClass.getKind()).isEqualTo(SymbolKind.Class);
    assertThat(ledgerClass.getSelectionRange().getStart())
        .as("the line and column of the class's name")
        .isEqualTo(new org.eclipse.lsp4j.Position(3, 13));
    assertThat(ledgerClass.getChildren())
        .extracting(org.eclipse.lsp4j.DocumentSymbol::getName)
        .containsExactly("total", "settle");
    var settle = ledgerClass.getChildren().get(1);
    assertThat(settle.getKind()).isEqualTo(SymbolKind.Method);
    assertThat(settle.getDetail()).isEqualTo("Ledger.settle");
    assertThat(settle.getSelectionRange().getStart())
        .isEqualTo(new org.eclipse.lsp4j.Position(14, 14));
    assertThat(ledgerClass.getRange().getEnd().getLine())
        .as("the class holds its members")
        .isGreaterThanOrEqualTo(settle.getRange().getEnd().getLine());

    var notIndexed = new org.eclipse.lsp4j.TextDocumentIdentifier("oncell://acme/src/New.java");
    assertThat(
            get(
                lsp.server
                    .getTextDocumentService()
                    .documentSymbol(new org.eclipse.lsp4j.DocumentSymbolParams(notIndexed))))
        .as("a file that is not indexed has no symbols, and no error")
        .isEmpty();
    var elsewhere =
        new org.eclipse.lsp4j.TextDocumentIdentifier("oncell://globex/src/shop/Ledger.java");
    assertThat(
            get(
                lsp.server
                    .getTextDocumentService()
                    .documentSymbol(new org.eclipse.lsp4j.DocumentSymbolParams(elsewhere))))
        .isEmpty();
  }

  @Test
  void anEmptyQueryIsNoSymbols() throws Exception {
    assertThat(
            get(lsp.server.getWorkspaceService().symbol(new WorkspaceSymbolParams(" "))).getRight())
        .isEmpty();
  }

  @Test
  void searchAndGrep() throws Exception {
    var hits = get(lsp.server.search(new SearchParams("invoice total", 5, null))).hits();
    assertThat(hits).anyMatch(h -> h.path().equals("src/shop/Invoices.java"));

    var grep = get(lsp.server.grep(new GrepParams("parseLong", null, null)));
    assertThat(grep.matches())
        .containsExactly(
            new OncellProtocol.GrepMatch(
                "src/shop/Invoices.java", 5, "    return Long.parseLong(line.split(\",\")[2]);"));
    assertThat(grep.truncated()).isFalse();

    assertThat(code(error(lsp.server.grep(new GrepParams("(", null, null)))))
        .isEqualTo("invalid_regex");
    assertThat(code(error(lsp.server.search(new SearchParams("", null, null)))))
        .isEqualTo("invalid_query");
  }
}
