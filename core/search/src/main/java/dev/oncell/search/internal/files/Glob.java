package dev.oncell.search.internal.files;

import dev.oncell.search.SearchException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.util.automaton.Automata;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * A glob over relative paths: {@code *} and {@code ?} within one path segment, {@code **} across
 * segments ({@code **}{@code /} matches zero or more directories, so {@code **}{@code /*.ts}
 * matches a top-level {@code a.ts}), {@code {a,b}} alternatives (nestable), {@code [abc]}, {@code
 * [a-z]} and {@code [!abc]} classes, {@code \} escapes the next character. A glob without {@code /}
 * matches the file name at any depth ({@code *.md} is {@code **}{@code /*.md}).
 *
 * <p>A glob compiles to one deterministic automaton (Lucene's), so matching never backtracks: a
 * glob such as {@code *a*a*a*b} costs the same per character as {@code *.ts}.
 */
public final class Glob {

  static final int MAX_LENGTH = 1000;

  private final String source;
  private final CharacterRunAutomaton automaton;

  private Glob(String source, CharacterRunAutomaton automaton) {
    this.source = source;
    this.automaton = automaton;
  }

  /** Every path. */
  public static Optional<Glob> none() {
    return Optional.empty();
  }

  /**
   * Compiles {@code glob}; empty means every path.
   *
   * @throws SearchException {@code invalid_glob} when it is blank, too long or unbalanced
   */
  public static Optional<Glob> compile(Optional<String> glob) {
    if (glob.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(compile(glob.get()));
  }

  /**
   * Compiles {@code glob}.
   *
   * @throws SearchException {@code invalid_glob} when it is blank, too long or unbalanced
   */
  public static Glob compile(String glob) {
    if (glob.isBlank()) {
      throw invalid(glob, "it is blank; leave the glob out to match every file");
    }
    if (glob.length() > MAX_LENGTH) {
      throw invalid(
          glob.substring(0, 40) + "...", "it is longer than " + MAX_LENGTH + " characters");
    }
    String g = glob.strip();
    while (g.startsWith("./")) {
      g = g.substring(2);
    }
    while (g.startsWith("/")) {
      g = g.substring(1);
    }
    if (g.isEmpty()) {
      throw invalid(glob, "it names no file");
    }
    if (g.indexOf('/') < 0) {
      g = "**/" + g;
    }
    // Alternatives of concatenations, one frame per open '{': the glob becomes one automaton.
    Deque<List<List<Automaton>>> frames = new ArrayDeque<>();
    frames.push(new ArrayList<>(List.of(new ArrayList<>())));
    int i = 0;
    while (i < g.length()) {
      List<Automaton> seq = frames.peek().getLast();
      char c = g.charAt(i);
      switch (c) {
        case '*' -> {
          boolean doubleStar = i + 1 < g.length() && g.charAt(i + 1) == '*';
          if (doubleStar) {
            boolean segmentStart = i == 0 || g.charAt(i - 1) == '/';
            boolean slashAfter = i + 2 < g.length() && g.charAt(i + 2) == '/';
            if (segmentStart && slashAfter) {
              // **/ : zero or more folders
              seq.add(Operations.optional(concat(Automata.makeAnyString(), slash())));
              i += 3;
            } else if (segmentStart
                && i + 2 == g.length()
                && !seq.isEmpty()
                && seq.getLast() == SLASH) {
              // dir/** : dir itself and everything below it (the '/' before ** was the last piece)
              seq.removeLast();
              seq.add(Operations.optional(concat(slash(), Automata.makeAnyString())));
              i += 2;
            } else {
              seq.add(Automata.makeAnyString());
              i += 2;
              while (i < g.length() && g.charAt(i) == '*') {
                i++;
              }
            }
            continue;
          }
          seq.add(Operations.repeat(NOT_SLASH));
        }
        case '?' -> seq.add(NOT_SLASH);
        case '{' -> frames.push(new ArrayList<>(List.of(new ArrayList<>())));
        case '}' -> {
          if (frames.size() == 1) {
            throw invalid(glob, "a '}' at position " + (i + 1) + " closes no '{'");
          }
          Automaton alternatives = alternatives(frames.pop());
          frames.peek().getLast().add(alternatives);
        }
        case ',' -> {
          if (frames.size() > 1) {
            frames.peek().add(new ArrayList<>());
          } else {
            seq.add(Automata.makeChar(','));
          }
        }
        case '[' -> i = charClass(glob, g, i, seq);
        case '\\' -> {
          if (i + 1 == g.length()) {
            throw invalid(glob, "it ends with a lone '\\'");
          }
          i++;
          int cp = g.codePointAt(i);
          seq.add(Automata.makeChar(cp));
          i += Character.charCount(cp) - 1;
        }
        default -> {
          int cp = g.codePointAt(i);
          seq.add(cp == '/' ? SLASH : Automata.makeChar(cp));
          i += Character.charCount(cp) - 1;
        }
      }
      i++;
    }
    if (frames.size() > 1) {
      throw invalid(glob, "a '{' is never closed");
    }
    try {
      Automaton det = Operations.determinize(alternatives(frames.pop()), WORK_LIMIT);
      return new Glob(glob, new CharacterRunAutomaton(det));
    } catch (TooComplexToDeterminizeException e) {
      throw invalid(glob, "it is too complex; use fewer '*' and '{...}'");
    }
  }

  /** Bounds the work of turning a glob into its automaton (a hostile glob can ask for a lot). */
  private static final int WORK_LIMIT = 20_000;

  private static final Automaton NOT_SLASH =
      Operations.union(
          Automata.makeCharRange(0, '/' - 1),
          Automata.makeCharRange('/' + 1, Character.MAX_CODE_POINT));

  /** A literal '/' of the glob (one instance, so {@code dir/**} can recognise it). */
  private static final Automaton SLASH = Automata.makeChar('/');

  private static Automaton slash() {
    return Automata.makeChar('/');
  }

  private static Automaton concat(Automaton a, Automaton b) {
    return Operations.concatenate(a, b);
  }

  private static Automaton alternatives(List<List<Automaton>> alternatives) {
    List<Automaton> each = new ArrayList<>();
    for (List<Automaton> seq : alternatives) {
      each.add(seq.isEmpty() ? Automata.makeEmptyString() : Operations.concatenate(seq));
    }
    return each.size() == 1 ? each.getFirst() : Operations.union(each);
  }

  private static int charClass(String glob, String g, int start, List<Automaton> seq) {
    int i = start + 1;
    boolean negated = false;
    if (i < g.length() && (g.charAt(i) == '!' || g.charAt(i) == '^')) {
      negated = true;
      i++;
    }
    List<Automaton> ranges = new ArrayList<>();
    boolean first = true;
    while (i < g.length() && (g.charAt(i) != ']' || first)) {
      int c = g.codePointAt(i);
      if (c == '/') {
        throw invalid(glob, "a '[...]' class cannot contain '/'");
      }
      if (c == '\\' && i + 1 < g.length()) {
        i++;
        c = g.codePointAt(i);
      }
      i += Character.charCount(c);
      int to = c;
      if (i + 1 < g.length() && g.charAt(i) == '-' && g.charAt(i + 1) != ']') {
        to = g.codePointAt(i + 1);
        i += 1 + Character.charCount(to);
        if (to < c) {
          throw invalid(
              glob,
              "the range '"
                  + Character.toString(c)
                  + "-"
                  + Character.toString(to)
                  + "' is reversed");
        }
      }
      ranges.add(Automata.makeCharRange(c, to));
      first = false;
    }
    if (i >= g.length()) {
      throw invalid(glob, "a '[' is never closed");
    }
    Automaton cls = Operations.union(ranges);
    seq.add(
        negated
            ? Operations.minus(NOT_SLASH, cls, WORK_LIMIT)
            : Operations.minus(cls, slash(), WORK_LIMIT));
    return i;
  }

  private static SearchException invalid(String glob, String why) {
    return SearchException.invalid(
        "invalid_glob",
        "invalid glob '"
            + glob
            + "': "
            + why
            + ". Globs use *, ?, **, {a,b} and [abc], as in '**/*.{ts,py}'");
  }

  /**
   * Whether {@code path} (relative, {@code /} separators) matches: a run of a deterministic
   * automaton, linear in the path's length whatever the glob.
   */
  public boolean matches(String path) {
    return automaton.run(path);
  }

  @Override
  public String toString() {
    return source;
  }
}
