package dev.oncell.search.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class BugReportsTest {

  @Test
  void theCheckedInReportsParseWithUniqueIdsAndAreMultiSentence() {
    List<BugReports.Report> reports = BugReports.load();
    assertThat(reports)
        .as("bug reports in %s", BugReports.RESOURCE)
        .hasSizeGreaterThanOrEqualTo(20);
    assertThat(new HashSet<>(reports.stream().map(BugReports.Report::id).toList()))
        .as("unique ids")
        .hasSize(reports.size());
    for (BugReports.Report report : reports) {
      assertThat(report.text().split("[.:?!] ").length)
          .as("sentences in %s", report.id())
          .isGreaterThanOrEqualTo(2);
      assertThat(report.path()).as("path of %s", report.id()).matches("[\\w.-]+/.+\\.(java|js|ts)");
    }
  }

  @Test
  void rowsAreFourColumnsWithEscapedLineBreaks() {
    List<BugReports.Report> reports =
        BugReports.parse(
            "# comment\nid\tpath\tdeclaration\treport\nx\ta/B.java\tvoid f()\tOne.\\nat B.f\n");
    assertThat(reports)
        .containsExactly(new BugReports.Report("x", "a/B.java", "void f()", "One.\nat B.f"));
    assertThatThrownBy(() -> BugReports.parse("x\ta/B.java\tno report"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aReportIsResolvedToTheLinesOfItsFunctionOrListedAsMissing() {
    List<String> missing = new ArrayList<>();
    List<Query> queries = BugReports.resolve(TinyCorpus.REPORTS, TinyCorpus.FILES, missing);
    assertThat(queries).extracting(Query::id).containsExactly("expired-token", "bytes-rounding");
    Query token = queries.getFirst();
    assertThat(token.symbol()).isEqualTo("verifyToken");
    assertThat(token.startLine()).isEqualTo(10);
    assertThat(token.endLine()).isEqualTo(13);
    assertThat(token.text()).contains("\nat auth.TokenVerifier");
    assertThat(missing).containsExactly("not-in-corpus (missing/File.java)");
  }
}
