package dev.oncell.plugins.security.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.treesitter.TSLanguage;
import org.treesitter.TSParser;

/** The foreign-function cursor reads the same tree as the bindings' JNI cursor. */
class CursorTest {

  @Test
  void theForeignFunctionCursorIsAvailable() {
    assertThat(FfmCursor.available())
        .as("tree-sitter's C API bound through the FFM (else scans fall back to JNI, ~5x slower)")
        .isTrue();
  }

  @Test
  void bothCursorsCopyTheSameTree() {
    List<String> sources =
        List.of(
            TextbookCasesTest.textbook()
                .map(a -> (String) a.get()[2])
                .filter(s -> s.startsWith("class"))
                .findFirst()
                .orElseThrow(),
            "// ünïcödé 😀\nclass B { int f(int a) { return a > 1 ? a : -a; } }\n");
    TSLanguage grammar = Lang.JAVA.grammar();
    Symbols symbols = new Symbols(grammar);
    try (TSParser parser = new TSParser()) {
      parser.setLanguage(grammar);
      for (String source : sources) {
        Node ffm = ParsedFile.parse(parser, symbols, source, 100_000, 400, true).root();
        Node jni = ParsedFile.parse(parser, symbols, source, 100_000, 400, false).root();
        assertThat(ffm).isEqualTo(jni);
        assertThat(ffm.children()).isNotEmpty();
      }
    }
  }
}
