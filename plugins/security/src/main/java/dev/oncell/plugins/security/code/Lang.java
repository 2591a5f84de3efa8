package dev.oncell.plugins.security.code;

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

/**
 * The languages the code engine reads, picked by file extension. TypeScript and TSX share the
 * JavaScript rules ({@link #rules()}): their syntax trees use the same node types for everything
 * the data flow looks at.
 */
enum Lang {
  JAVA("java", TreeSitterJava::new, "java"),
  PYTHON("python", TreeSitterPython::new, "py"),
  JAVASCRIPT("javascript", TreeSitterJavascript::new, "js", "mjs", "cjs", "jsx"),
  TYPESCRIPT("javascript", TreeSitterTypescript::new, "ts", "mts", "cts"),
  TSX("javascript", TreeSitterTsx::new, "tsx"),
  GO("go", TreeSitterGo::new, "go");

  private final String rules;
  private final Supplier<TSLanguage> grammar;
  private final Set<String> extensions;

  Lang(String rules, Supplier<TSLanguage> grammar, String... extensions) {
    this.rules = rules;
    this.grammar = grammar;
    this.extensions = Set.of(extensions);
  }

  /**
   * The name of the rule file this language's files are checked with ({@code rules/<name>.json}).
   */
  String rules() {
    return rules;
  }

  /** A new handle on the grammar; its native library loads on first use. */
  TSLanguage grammar() {
    return grammar.get();
  }

  static Optional<Lang> of(String path) {
    int slash = path.lastIndexOf('/');
    int dot = path.lastIndexOf('.');
    if (dot <= slash + 1) {
      return Optional.empty();
    }
    String extension = path.substring(dot + 1).toLowerCase(Locale.ROOT);
    if (path.endsWith(".d.ts") || path.endsWith(".min.js")) {
      return Optional.empty(); // declarations and minified bundles: no code of the repository's own
    }
    for (Lang lang : values()) {
      if (lang.extensions.contains(extension)) {
        return Optional.of(lang);
      }
    }
    return Optional.empty();
  }
}
