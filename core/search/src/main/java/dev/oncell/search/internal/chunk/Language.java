package dev.oncell.search.internal.chunk;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.treesitter.TSLanguage;
import org.treesitter.TreeSitterGo;
import org.treesitter.TreeSitterJava;
import org.treesitter.TreeSitterJavascript;
import org.treesitter.TreeSitterPython;
import org.treesitter.TreeSitterTsx;
import org.treesitter.TreeSitterTypescript;

/** The languages chunked along their syntax, picked by file extension. */
enum Language {
  JAVA("java", new JavaSyntax(), TreeSitterJava::new, "java"),
  PYTHON("python", new PythonSyntax(), TreeSitterPython::new, "py", "pyi"),
  TYPESCRIPT("typescript", new ScriptSyntax(), TreeSitterTypescript::new, "ts", "mts", "cts"),
  TSX("tsx", new ScriptSyntax(), TreeSitterTsx::new, "tsx"),
  JAVASCRIPT(
      "javascript", new ScriptSyntax(), TreeSitterJavascript::new, "js", "mjs", "cjs", "jsx"),
  GO("go", new GoSyntax(), TreeSitterGo::new, "go");

  private final String id;
  private final Syntax syntax;
  private final Supplier<TSLanguage> grammar;
  private final Set<String> extensions;

  Language(String id, Syntax syntax, Supplier<TSLanguage> grammar, String... extensions) {
    this.id = id;
    this.syntax = syntax;
    this.grammar = grammar;
    this.extensions = Set.of(extensions);
  }

  /** The name in {@link dev.oncell.search.Chunk#language()}. */
  String id() {
    return id;
  }

  Syntax syntax() {
    return syntax;
  }

  /** A new handle on the grammar; loads its native library on first use. */
  TSLanguage newGrammar() {
    return grammar.get();
  }

  static Optional<Language> forPath(String path) {
    String extension = extension(path);
    for (Language language : values()) {
      if (language.extensions.contains(extension)) {
        return Optional.of(language);
      }
    }
    return Optional.empty();
  }

  /** The lower-case extension of the file name, empty if it has none. */
  static String extension(String path) {
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    int dot = path.lastIndexOf('.');
    return dot > slash + 1 ? path.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
  }
}
