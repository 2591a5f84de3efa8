package dev.oncell.plugins.security.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.plugins.security.Finding;
import dev.oncell.plugins.security.Severity;
import dev.oncell.plugins.security.SourceFile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a code finding says, how stable its fingerprint is, and how the limits degrade. */
class CodeScannerTest {

  private static final String SQL =
      """
      class A {
        void f(HttpServletRequest request, Statement st) throws Exception {
          String id = request.getParameter("id");
          String q = "SELECT * FROM t WHERE id = '" + id + "'";
          st.executeQuery(q);
        }
      }
      """;

  private static SourceFile file(String path, String text) {
    return new SourceFile(path, "oid", text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aFindingNamesTheRuleTheSinkAndTheFlow() {
    List<Finding> found = CodeScanner.create().scan(List.of(file("src/A.java", SQL)));

    assertThat(found).hasSize(1);
    Finding f = found.getFirst();
    assertThat(f.category()).isEqualTo("code");
    assertThat(f.rule()).isEqualTo("java-sql-injection");
    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(f.cwe()).isEqualTo("CWE-89");
    assertThat(f.file()).isEqualTo("src/A.java");
    assertThat(f.line()).as("the line of the sink").isEqualTo(5);
    assertThat(f.snippet()).isEqualTo("st.executeQuery(q);");
    assertThat(f.evidence())
        .isEqualTo(
            "source `request.getParameter(\"id\")` at line 3 -> sink `executeQuery` at line 5");
    assertThat(f.fingerprint()).hasSize(32);
  }

  @Test
  void theFingerprintIgnoresLineNumbersAndWhitespaceButNotTheFileOrTheSink() {
    CodeScanner scanner = CodeScanner.create();
    String fp = scanner.scan(List.of(file("src/A.java", SQL))).getFirst().fingerprint();
    String moved = "// a header\n\n" + SQL.replace("st.executeQuery(q);", "st.executeQuery( q );");
    String elsewhere = SQL.replace("executeQuery(q)", "executeUpdate(q)");

    assertThat(scanner.scan(List.of(file("src/A.java", moved))).getFirst().fingerprint())
        .as("same sink, lines moved and spaces added")
        .isEqualTo(fp);
    assertThat(scanner.scan(List.of(file("src/B.java", SQL))).getFirst().fingerprint())
        .as("another file")
        .isNotEqualTo(fp);
    assertThat(scanner.scan(List.of(file("src/A.java", elsewhere))).getFirst().fingerprint())
        .as("another sink")
        .isNotEqualTo(fp);
  }

  @Test
  void twoIdenticalSinksInOneFileHaveTwoFingerprints() {
    String twice =
        SQL.replace("st.executeQuery(q);", "st.executeQuery(q);\n    st.executeQuery(q);");
    List<Finding> found = CodeScanner.create().scan(List.of(file("A.java", twice)));

    assertThat(found).hasSize(2);
    assertThat(found.get(0).fingerprint()).isNotEqualTo(found.get(1).fingerprint());
  }

  @Test
  void findingsComeInFileOrderThenLineOrder() {
    String two =
        SQL.replace(
            "st.executeQuery(q);", "st.executeQuery(q);\n    Runtime.getRuntime().exec(id);");
    List<Finding> found =
        CodeScanner.create().scan(List.of(file("b/B.java", two), file("a/A.java", SQL)));

    assertThat(found)
        .extracting(f -> f.file() + ":" + f.line())
        .containsExactly("b/B.java:5", "b/B.java:6", "a/A.java:5");
  }

  @Test
  void filesOfOtherLanguagesAreIgnoredNotSkipped() {
    CodeScan scan =
        CodeScanner.create()
            .scanAll(List.of(file("README.md", "# hi"), file("Makefile", "all:\n\techo")));

    assertThat(scan.findings()).isEmpty();
    assertThat(scan.skipped()).isEmpty();
    assertThat(scan.scanned()).isZero();
  }

  @Test
  void aFileTooLargeIsSkippedWithTheReason() {
    CodeScanner scanner = CodeScanner.create(new CodeLimits(100, 500_000, 400, 2_000));
    CodeScan scan = scanner.scanAll(List.of(file("big/A.java", SQL), file("B.py", "x = 1\n")));

    assertThat(scan.skipped())
        .containsExactly(
            new CodeScan.Skipped("big/A.java", "skipped: too large (" + SQL.length() + " bytes)"));
    assertThat(scan.scanned()).isEqualTo(1);
  }

  @Test
  void aFileWithTooManyNodesIsSkippedAndTheOthersAreScanned() {
    CodeScanner scanner = CodeScanner.create(new CodeLimits(512 * 1024, 200, 400, 2_000));
    String many = "x = [" + "1, ".repeat(500) + "]\n";
    CodeScan scan = scanner.scanAll(List.of(file("many.py", many), file("A.java", SQL)));

    assertThat(scan.skipped()).extracting(CodeScan.Skipped::file).containsExactly("many.py");
    assertThat(scan.skipped().getFirst().reason())
        .startsWith("skipped: more than 200 syntax nodes");
    assertThat(scan.findings()).extracting(Finding::file).containsExactly("A.java");
  }

  @Test
  void deeplyNestedCodeIsSkippedNotAStackOverflow() {
    String deep = "x = " + "(".repeat(5_000) + "1" + ")".repeat(5_000) + "\n";
    CodeScan scan = CodeScanner.create().scanAll(List.of(file("deep.py", deep)));

    assertThat(scan.skipped()).hasSize(1);
    assertThat(scan.skipped().getFirst().reason()).startsWith("skipped: nested deeper than");
  }

  @Test
  void aFileOverItsTimeBudgetIsSkipped() {
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 4_000; i++) {
      big.append("def f")
          .append(i)
          .append("(a):\n    b = a + str(")
          .append(i)
          .append(")\n    os.system(b)\n");
    }
    CodeScanner scanner = CodeScanner.create(new CodeLimits(512 * 1024, 5_000_000, 400, 1));
    CodeScan scan = scanner.scanAll(List.of(file("slow.py", big.toString())));

    assertThat(scan.skipped())
        .containsExactly(
            new CodeScan.Skipped("slow.py", "skipped: took longer than the per-file time budget"));
  }

  @Test
  void binaryFilesAreSkipped() {
    byte[] bytes = {'c', 'l', 'a', 's', 's', 0, 1, 2};
    CodeScan scan = CodeScanner.create().scanAll(List.of(new SourceFile("X.java", "o", bytes)));

    assertThat(scan.skipped()).containsExactly(new CodeScan.Skipped("X.java", "skipped: binary"));
  }

  @Test
  void brokenSyntaxStillScansWhatParses() {
    String broken = SQL.replace("class A {", "class A { int = ; ] ");
    assertThat(CodeScanner.create().scan(List.of(file("A.java", broken))))
        .extracting(Finding::rule)
        .contains("java-sql-injection");
  }

  @Test
  void nonAsciiTextKeepsLinesAndSnippetsRight() {
    String text = "// überprüfe 😀 – ok\n" + SQL;
    Finding f = CodeScanner.create().scan(List.of(file("A.java", text))).getFirst();

    assertThat(f.line()).isEqualTo(6);
    assertThat(f.snippet()).isEqualTo("st.executeQuery(q);");
  }
}
