package dev.oncell.plugins.migration;

import dev.oncell.agent.Context;
import dev.oncell.agent.GrepMatch;
import dev.oncell.agent.SearchHit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where the repository uses what is migrated from, in scope, as {@code path:line: text}: the
 * recipe's {@code usages} regex through {@code ctx.grep} (linear-time on the host), or without a
 * recipe the literal {@code from} through grep and the index's best hits for "from to". Empty means
 * nothing to migrate; counted again after the last step, it is what is left.
 */
final class Usages {

  /** Most lines shown to the model in the plan's prompt. */
  static final int MAX_LINES = 60;

  private Usages() {}

  static List<String> in(Context ctx, Optional<Recipe> recipe, Migration in, Scope scope) {
    Set<String> lines = new LinkedHashSet<>();
    if (recipe.isPresent()) {
      Glob glob = Glob.of(recipe.get().files());
      for (GrepMatch m : ctx.grep(recipe.get().usages(), Optional.empty())) {
        if (scope.contains(m.path()) && glob.matches(m.path())) {
          lines.add(m.path() + ":" + m.line() + ": " + m.text().strip());
        }
      }
      return List.copyOf(lines);
    }
    for (GrepMatch m : ctx.grep(literal(in.from()), Optional.empty())) {
      if (scope.contains(m.path())) {
        lines.add(m.path() + ":" + m.line() + ": " + m.text().strip());
      }
    }
    for (SearchHit hit : ctx.search(in.from().strip() + " " + in.to().strip(), 8)) {
      if (scope.contains(hit.path()) && lines.size() < MAX_LINES) {
        lines.add(hit.path() + ":" + hit.startLine() + "-" + hit.endLine() + " (search)");
      }
    }
    return List.copyOf(lines);
  }

  /** {@code text} as a regex matching it literally (letters and digits kept, the rest escaped). */
  static String literal(String text) {
    StringBuilder re = new StringBuilder();
    for (char c : text.strip().toCharArray()) {
      re.append(Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c);
    }
    return re.toString();
  }
}
