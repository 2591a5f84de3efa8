package dev.oncell.search.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceScannerTest {

  @Test
  void bracesInStringsTextBlocksCharsAndCommentsDoNotCount() {
    String java =
        "void f() {\n  String s = \"}\"; char c = '}';\n  /* } */ // }\n  String t = \"\"\"\n  }\n  \"\"\";\n}\nrest";
    assertThat(new SourceScanner(java, "F.java").bodyEnd(0)).hasValue(java.lastIndexOf('}'));
  }

  @Test
  void bracesInTemplatesAndRegexLiteralsDoNotCountInJavaScript() {
    String js = "function f(a) {\n  var r = /[}]/g; var t = `}`;\n  return a / 2 / 1;\n}\nx";
    assertThat(new SourceScanner(js, "f.js").bodyEnd(0)).hasValue(js.lastIndexOf('}'));
  }

  @Test
  void aSignatureWithoutBodyHasNoEnd() {
    assertThat(new SourceScanner("int size();\nint other() { return 1; }", "I.java").bodyEnd(0))
        .isEmpty();
  }

  @Test
  void linesAreFoundByOffset() {
    SourceScanner.Lines lines = new SourceScanner.Lines("a\nbc\n\nd");
    assertThat(lines.lineOf(0)).isEqualTo(1);
    assertThat(lines.lineOf(2)).isEqualTo(2);
    assertThat(lines.lineOf(4)).isEqualTo(2);
    assertThat(lines.lineOf(5)).isEqualTo(3);
    assertThat(lines.lineOf(6)).isEqualTo(4);
  }
}
