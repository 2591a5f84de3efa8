package dev.oncell.search.internal.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.oncell.search.CodeIndex;
import dev.oncell.search.FileSymbol;
import dev.oncell.search.SearchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file's symbols read from its chunk documents: what {@code documentSymbol} is built on. */
class FileSymbolsTest {

  @TempDir Path root;
  @TempDir Path indexDir;
  private CodeIndex index;

  /**
   * A class with fields, a short method and one long enough to be cut into several chunks. (A class
   * header under 100 characters would join its first member's chunk, and the class would have no
   * symbol of its own: the language server's outline makes up such a parent.)
   */
  private static String ledger() {
    StringBuilder longMethod = new StringBuilder("  public long settle(long[] amounts) {\n");
    longMethod.append("    long total = 0;\n");
    for (int i = 0; i < 120; i++) {
      longMethod
          .append("    if (amounts.length > ")
          .append(i)
          .append(") {\n      total += amounts[")
          .append(i)
          .append("] * rate;\n    }\n");
    }
    longMethod.append("    return total;\n  }\n");
    return "package shop;\n\n"
        + "/** The shop's ledger: a header long enough to be a chunk of its own (>= 100 chars). */\n"
        + "public class Ledger {\n"
        + "  private final long rate = 3;\n\n"
        + "  public long rate() {\n    return rate;\n  }\n\n"
        + longMethod
        + "}\n";
  }

  @BeforeEach
  void open() throws Exception {
    Files.createDirectories(root.resolve("src"));
    Files.writeString(root.resolve("src/Ledger.java"), ledger());
    Files.writeString(root.resolve("notes.txt"), "no symbols in here\n");
    index = CodeIndex.open(indexDir, root);
    index.index("", Optional.empty());
  }

  @AfterEach
  void close() {
    index.close();
  }

  @Test
  void aFilesSymbolsInLineOrderWithALongMethodAsOneSymbol() {
    List<FileSymbol> symbols = index.symbols("src/Ledger.java");

    assertThat(symbols)
        .extracting(FileSymbol::name)
        .as("the split method's parts are one symbol; the small getter shares the header's chunk")
        .containsExactly("Ledger", "Ledger.settle");
    assertThat(symbols).extracting(FileSymbol::kind).containsExactly("class", "method");
    FileSymbol settle = symbols.getLast();
    long lines = ledger().lines().count();
    assertThat(settle.endLine())
        .as("to the method's last line (the class's closing brace may join its last part)")
        .isBetween((int) lines - 1, (int) lines);
    assertThat(settle.endLine() - settle.startLine()).isGreaterThan(300);
    assertThat(symbols.getFirst().startLine())
        .as("with its Javadoc (and the package line before, a leftover)")
        .isLessThanOrEqualTo(3);
  }

  @Test
  void aFileThatIsNotIndexedOrHasNoSymbolsGivesNone() throws Exception {
    assertThat(index.symbols("notes.txt")).isEmpty();
    assertThat(index.symbols("src/Missing.java")).isEmpty();
    assertThat(index.symbols("")).isEmpty();

    Files.delete(root.resolve("src/Ledger.java"));
    index.index("", Optional.empty());
    assertThat(index.symbols("src/Ledger.java")).as("gone after the next run").isEmpty();
  }

  @Test
  void aPathLongerThanAnyFileSystemsIsInvalid() {
    SearchException e =
        catchThrowableOfType(
            SearchException.class, () -> index.symbols("a/".repeat(3000) + "b.java"));
    assertThat(e.code()).isEqualTo("invalid_path");
    assertThat(e.invalid()).isTrue();
  }
}
