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

  @RegisterExtension final TestHost oncell = TestHost.create();
  private LspSession lsp;

  @BeforeEach
  void start() throws Exception {
    lsp = new LspSession(oncell, "acme");
    lsp.client.customers().create("acme");
    lsp.client
        .files("acme")
        .write("src/shop/Invoices.java", INVOICES.getBytes(StandardCharsets.UTF_8));
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
