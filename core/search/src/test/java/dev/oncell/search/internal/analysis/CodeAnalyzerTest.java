package dev.oncell.search.internal.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.Test;

class CodeAnalyzerTest {

  private static List<String> tokens(Analyzer analyzer, String text) {
    return new ArrayList<>(QueryTerms.analyze(analyzer, text).keySet());
  }

  private static List<String> index(String text) {
    return tokens(CodeAnalyzer.forIndex(), text);
  }

  @Test
  void everyIdentifierStyleGivesTheSameWords() {
    for (String id :
        List.of("verifyToken", "verify_token", "VerifyToken", "verify-token", "VERIFY_TOKEN")) {
      assertThat(index(id)).as(id).containsExactly("verifytoken", "verifi", "token");
    }
  }

  @Test
  void acronymsAreOneWord() {
    assertThat(index("HTTPServer")).containsExactly("httpserver", "http", "server");
    assertThat(index("parseHTTPResponse"))
        .containsExactly("parsehttprespons", "pars", "http", "respons");
  }

  @Test
  void digitsStayWithTheirWordAndSingleWordsAreNotDoubled() {
    assertThat(index("sha256")).containsExactly("sha256");
    assertThat(index("toUtf8")).containsExactly("toutf8", "to", "utf8");
    assertThat(index("token")).containsExactly("token");
  }

  @Test
  void pathsSplitIntoSegmentsAndNames() {
    assertThat(index("src/api/auth/middleware.ts"))
        .containsExactly("src", "api", "auth", "middlewar", "ts");
    assertThat(index("src/main/java/InvoiceService.java"))
        .contains("invoiceservic", "invoic", "servic");
  }

  @Test
  void stemmingMeetsInflections() {
    assertThat(index("tokens")).containsExactly("token");
    assertThat(index("verifying")).containsExactly("verifi");
  }

  @Test
  void queriesDropStopWordsButTheIndexKeepsThem() {
    assertThat(tokens(CodeAnalyzer.forQuery(), "how do I verify the token"))
        .containsExactly("verifi", "token");
    assertThat(index("the token")).containsExactly("the", "token");
  }

  @Test
  void hugeTokensKeepOnlyTheirWords() {
    String blob = "a".repeat(500);
    assertThat(index(blob)).as("no single word over the limit").isEmpty();
  }

  @Test
  void aLongQueryIsCutToTheMostInformativeTerms() {
    String text =
        String.join(
            " ",
            IntStream.range(0, 500).mapToObj(i -> "word" + (char) ('a' + i % 26) + i).toList());
    assertThat(QueryTerms.analyze(CodeAnalyzer.forQuery(), text)).hasSize(500);
  }
}
