package dev.oncell.search.internal.grep;

import dev.oncell.search.SearchException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A grep regex: Java syntax, with what {@code grep -E} users write translated: POSIX classes
 * ({@code [[:alpha:]]}, {@code [[:digit:]]}, {@code [[:space:]]}, ...) and GNU word boundaries
 * ({@code \<}, {@code \>}). Compiled with {@link Pattern#UNIX_LINES}, so that only {@code \n} ends
 * a line, and {@link Pattern#UNICODE_CHARACTER_CLASS}, so that {@code \b}, {@code \w} and the
 * classes know letters beyond ASCII, as grep does in a UTF-8 locale.
 *
 * @param source the regex as given
 * @param pattern what matches each line
 * @param trigrams what a block of lines must contain to have a matching line
 * @param lineStart whether it starts with {@code ^}: fastest tried line by line
 * @param whole the same regex in multiline mode, to skip through a whole file to the lines that may
 *     match (every line match is also a match of it); empty when the regex looks outside a line
 *     ({@code \A}, {@code \z}, lookarounds, flags turned off inline)
 */
public record GrepPattern(
    String source,
    Pattern pattern,
    TrigramQuery trigrams,
    boolean lineStart,
    Optional<Pattern> whole) {

  /** Longer regexes are refused ({@code pattern_too_complex}). */
  public static final int MAX_LENGTH = PatternLimits.MAX_LENGTH;

  private static final Map<String, String> POSIX =
      Map.ofEntries(
          Map.entry("alpha", "\\p{Alpha}"),
          Map.entry("digit", "0-9"),
          Map.entry("alnum", "\\p{Alnum}"),
          Map.entry("upper", "\\p{Upper}"),
          Map.entry("lower", "\\p{Lower}"),
          Map.entry("space", "\\s\\x0B"),
          Map.entry("blank", " \\t"),
          Map.entry("punct", "\\p{P}\\p{S}"),
          Map.entry("xdigit", "0-9A-Fa-f"),
          Map.entry("cntrl", "\\p{Cntrl}"),
          Map.entry("print", "\\p{Print}"),
          Map.entry("graph", "\\p{Graph}"),
          Map.entry("word", "\\w"));

  /**
   * Compiles {@code regex}.
   *
   * @throws SearchException {@code invalid_regex} when it does not compile, {@code
   *     pattern_too_complex} when it is over one of the {@link PatternLimits} (checked first, in
   *     linear time)
   */
  public static GrepPattern compile(String regex) {
    if (regex.length() > MAX_LENGTH) {
      PatternLimits.check(regex); // throws
    }
    String java = translate(regex);
    PatternLimits.check(java);
    Pattern pattern;
    try {
      pattern = Pattern.compile(java, FLAGS);
    } catch (PatternSyntaxException e) {
      throw SearchException.invalid(
          "invalid_regex",
          "invalid regex '"
              + regex
              + "': "
              + e.getDescription()
              + (e.getIndex() >= 0 ? " near position " + (e.getIndex() + 1) : "")
              + ". Use Java regex syntax, close to grep -E: (a|b), [a-z], \\d, x{2,3}, (?i) for"
              + " case-insensitive");
    }
    boolean lineStart = ANCHORED.matcher(java).lookingAt();
    Optional<Pattern> whole =
        UNSAFE_FOR_WHOLE_TEXT.matcher(java).find() || lineStart
            ? Optional.empty()
            : Optional.of(Pattern.compile(java, FLAGS | Pattern.MULTILINE));
    return new GrepPattern(regex, pattern, RegexTrigrams.of(java), lineStart, whole);
  }

  static final int FLAGS = Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS;

  private static final Pattern ANCHORED = Pattern.compile("(?:\\(\\?[a-zA-Z]*\\))*\\^");

  /** Constructs that see past a line's ends, so that a line match may not be a text match. */
  private static final Pattern UNSAFE_FOR_WHOLE_TEXT =
      Pattern.compile("\\\\[AzZG]|\\(\\?<?[=!]|\\(\\?[a-zA-Z]*-");

  /**
   * {@code regex} with every {@code \Q...\E} quote written as escaped chars, as {@link Pattern}
   * does before it parses: a quantifier after {@code \E} applies to the last quoted char only.
   */
  static String unquote(String regex) {
    if (!regex.contains("\\Q")) {
      return regex;
    }
    StringBuilder out = new StringBuilder(regex.length() + 16);
    int i = 0;
    while (i < regex.length()) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length()) {
        if (regex.charAt(i + 1) == 'Q') {
          int end = regex.indexOf("\\E", i + 2);
          String quoted = end < 0 ? regex.substring(i + 2) : regex.substring(i + 2, end);
          for (int k = 0; k < quoted.length(); k++) {
            char q = quoted.charAt(k);
            if (q < 128 && !Character.isLetterOrDigit(q)) {
              out.append('\\');
            }
            out.append(q);
          }
          i = end < 0 ? regex.length() : end + 2;
          continue;
        }
        out.append(c).append(regex.charAt(i + 1));
        i += 2;
        continue;
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  /** Rewrites POSIX classes inside brackets and {@code \<}, {@code \>} to Java syntax. */
  static String translate(String regex) {
    StringBuilder out = new StringBuilder(regex.length());
    int depth = 0;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length()) {
        char n = regex.charAt(i + 1);
        if (depth == 0 && (n == '<' || n == '>')) {
          out.append("\\b");
        } else {
          out.append(c).append(n);
        }
        i++;
        continue;
      }
      if (c == '[') {
        if (depth > 0 && i + 1 < regex.length() && regex.charAt(i + 1) == ':') {
          int end = regex.indexOf(":]", i + 2);
          if (end > 0) {
            String name = regex.substring(i + 2, end);
            String java = POSIX.get(name);
            if (java == null) {
              throw SearchException.invalid(
                  "invalid_regex",
                  "invalid regex '"
                      + regex
                      + "': unknown character class [:"
                      + name
                      + ":]; known are "
                      + String.join(", ", POSIX.keySet().stream().sorted().toList()));
            }
            out.append(java);
            i = end + 1;
            continue;
          }
        }
        depth++;
        out.append(c);
        // A ']' right after '[' or '[^' is a literal
        if (i + 1 < regex.length() && regex.charAt(i + 1) == '^') {
          out.append('^');
          i++;
        }
        if (i + 1 < regex.length() && regex.charAt(i + 1) == ']') {
          out.append("\\]");
          i++;
        }
        continue;
      }
      if (c == ']' && depth > 0) {
        depth--;
      }
      out.append(c);
    }
    return out.toString();
  }
}
