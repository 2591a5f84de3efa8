package dev.oncell.search.internal.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.search.CodeIndex;
import dev.oncell.search.IndexReport;
import dev.oncell.search.SearchHit;
import dev.oncell.search.SearchMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchTest {

  @TempDir Path root;
  @TempDir Path indexDir;
  CodeIndex index;

  @BeforeEach
  void indexSampleRepo() throws Exception {
    SampleRepo.create(root);
    index = CodeIndex.open(indexDir, root);
    index.index("", Optional.empty());
  }

  @AfterEach
  void close() {
    index.close();
  }

  private static List<String> paths(List<SearchHit> hits) {
    return hits.stream().map(SearchHit::path).toList();
  }

  @Test
  void indexReportCountsIndexedAndSkippedFiles() throws Exception {
    Path other = indexDir.resolveSibling(indexDir.getFileName() + "-second");
    try (CodeIndex fresh = CodeIndex.open(other, root)) {
      IndexReport report = fresh.index("", Optional.empty());
      assertThat(report.files()).as("indexed files").isEqualTo(9);
      assertThat(report.skipped())
          .as("dist/, debug.log, src/api/generated/, logo.png, big.txt")
          .isEqualTo(5);
      assertThat(report.unchanged()).isZero();
      assertThat(report.removed()).isZero();
      assertThat(report.chunks()).isGreaterThanOrEqualTo(9);
    }
  }

  @Test
  void authenticationMiddlewareFindsTheAuthFileFirst() {
    List<SearchHit> hits = index.search("authentication middleware", 10, Optional.empty());
    assertThat(paths(hits)).as("hits").isNotEmpty().first().isEqualTo(SampleRepo.AUTH);
    assertThat(hits.getFirst().score()).isEqualTo(1.0);
    assertThat(hits).allSatisfy(h -> assertThat(h.score()).isBetween(0.0, 1.0));
  }

  @Test
  void snakeCaseQueryFindsTheCamelCaseIdentifier() {
    List<SearchHit> hits = index.search("verify_token", 5, Optional.empty());
    assertThat(paths(hits)).first().isEqualTo(SampleRepo.AUTH);
    assertThat(hits.getFirst().content()).contains("verifyToken");
  }

  @Test
  void identifierQueriesOfEveryStyleMeetTheirWords() {
    assertThat(paths(index.search("HTTPServer", 3, Optional.empty())))
        .first()
        .isEqualTo(SampleRepo.SERVER);
    assertThat(paths(index.search("http server listen", 3, Optional.empty())))
        .first()
        .isEqualTo(SampleRepo.SERVER);
    assertThat(paths(index.search("UserRepository find by email", 3, Optional.empty())))
        .first()
        .isEqualTo(SampleRepo.USERS);
  }

  @Test
  void aLongBugReportFindsTheRightFileInTheTopThree() {
    String report =
        """
        Invoice total is wrong when a discount code is used

        Hi team, since the last release our customers see wrong amounts on their invoices. When I
        create an invoice with three line items and apply the discount code SPRING20, the total that
        is computed is higher than expected. It looks like the tax is computed on the amount before
        the discount is applied, or the discount percent is applied twice. I checked the numbers by
        hand: subtotal 100.00, discount 20 percent, tax 20 percent should give 96.00 but we get 100.00.

        Steps to reproduce:
        1. Log in as an admin and open billing.
        2. Add line items with quantity and unit price.
        3. Apply a discount code and look at the invoice total.

        Expected: the discount is subtracted from the subtotal and then the tax is added.
        Actual: the total ignores the discount.

        This has happened in production for a few days and several of our users have complained
        about it. Please have a look as soon as you can. Thanks!
        """
            .repeat(3);
    List<SearchHit> hits = index.search(report, 3, Optional.empty());
    assertThat(paths(hits)).as("top 3 for a bug report").contains(SampleRepo.INVOICE);
  }

  @Test
  void codeRanksAboveItsTestsDocsAndChangelog() {
    List<String> hits = paths(index.search("computeTotal invoice discount", 10, Optional.empty()));
    assertThat(hits).first().isEqualTo(SampleRepo.INVOICE);
    assertThat(hits).contains(SampleRepo.INVOICE_TEST);
    List<String> auth = paths(index.search("verifyToken expired tokens", 10, Optional.empty()));
    assertThat(auth.indexOf(SampleRepo.AUTH)).isLessThan(auth.indexOf("CHANGELOG.md"));
  }

  @Test
  void ignoredBinaryAndOversizedFilesAreNotSearchable() {
    List<String> hits = paths(index.search("AuthMiddleware authentication", 50, Optional.empty()));
    assertThat(hits)
        .doesNotContain(
            "dist/bundle.js",
            "debug.log",
            "src/api/generated/client.ts",
            "data/big.txt",
            "logo.png");
  }

  @Test
  void globFiltersSearchAndMatchesTopLevelFiles() {
    assertThat(paths(index.search("middleware", 10, Optional.of("**/*.md"))))
        .isNotEmpty()
        .allMatch(p -> p.endsWith(".md"))
        .contains("README.md");
    assertThat(paths(index.search("invoice", 10, Optional.of("src/**/*.{java,py}"))))
        .isNotEmpty()
        .allMatch(p -> p.endsWith(".java") || p.endsWith(".py"));
    assertThat(index.search("middleware", 10, Optional.of("**/*.rs"))).isEmpty();
  }

  @Test
  void atMostThreeChunksOfOneFile() throws Exception {
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      big.append("int widgetCounter").append(i).append(" = widget.count();\n");
    }
    SampleRepo.write(root, "src/widgets.c", big.toString());
    index.index("src", Optional.empty());
    List<SearchHit> hits = index.search("widget count", 20, Optional.empty());
    assertThat(hits.stream().filter(h -> h.path().equals("src/widgets.c")).count()).isEqualTo(3);
  }

  @Test
  void keywordModeAnswersOnAKeywordOnlyIndex() {
    assertThat(paths(index.search("verifyToken", 5, Optional.empty(), SearchMode.KEYWORD)))
        .first()
        .isEqualTo(SampleRepo.AUTH);
    assertThat(paths(index.search("verifyToken", 5, Optional.empty(), SearchMode.HYBRID)))
        .first()
        .isEqualTo(SampleRepo.AUTH);
  }

  @Test
  void aQueryOfUnknownWordsFindsNothing() {
    assertThat(index.search("zyxwvut qqqq", 5, Optional.empty())).isEmpty();
  }

  @Test
  void anEmptyIndexAnswersEmpty() throws Exception {
    Path empty = indexDir.resolveSibling(indexDir.getFileName() + "-empty");
    try (CodeIndex fresh = CodeIndex.open(empty, root)) {
      assertThat(fresh.search("anything", 5, Optional.empty())).isEmpty();
      assertThat(fresh.grep("anything", Optional.empty(), 5)).isEmpty();
      assertThat(fresh.status().files()).isZero();
    }
  }

  @Test
  void generatedAndVendoredFilesThatAreNotIgnoredRankFarDown() throws Exception {
    String code =
        "export function reconcileLedger(entries) { return entries.filter(e => e.ok); }\n";
    SampleRepo.write(root, "vendor/ledger/reconcile.js", code + code);
    SampleRepo.write(root, "public/app.min.js", code + code + code);
    SampleRepo.write(root, "package-lock.json", "{\"reconcileLedger\": \"1.0.0\"}\n");
    SampleRepo.write(root, "src/ledger/reconcile.ts", code);
    index.index("", Optional.empty());
    List<SearchHit> hits = index.search("reconcileLedger entries", 10, Optional.empty());
    assertThat(paths(hits)).first().isEqualTo("src/ledger/reconcile.ts");
    assertThat(paths(hits)).contains("vendor/ledger/reconcile.js");
    assertThat(hits.get(1).score()).as("far below the source").isLessThan(0.5);
  }
}
