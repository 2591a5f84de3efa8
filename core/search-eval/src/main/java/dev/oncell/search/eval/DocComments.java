package dev.oncell.search.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the Javadoc and JSDoc comments of functions and methods that make good queries: the
 * comment's first sentence, and the lines of the function it documents.
 */
final class DocComments {

  /**
   * A documented function.
   *
   * @param commentStart offset of {@code /**}
   * @param commentEnd offset just past {@code *}{@code /}
   * @param sentence the first sentence of the comment, as plain text
   * @param symbol the function's name
   * @param startLine the function's first line (after the comment), 1-based
   * @param endLine the line of the function's closing brace
   */
  record Doc(
      String path,
      int commentStart,
      int commentEnd,
      String sentence,
      String symbol,
      int startLine,
      int endLine) {}

  private static final Pattern NAMED_FUNCTION = Pattern.compile("\\bfunction\\s*\\*?\\s+(\\w+)");
  private static final Pattern ASSIGNED =
      Pattern.compile(
          "^(?:[\\w.]*\\.)?(\\w+)\\s*[:=]\\s*(?:async\\s+)?(?:function\\b|\\(|\\w+\\()");
  private static final Pattern CALLED = Pattern.compile("(\\w+)\\s*(?:<[^()]*>)?\\s*\\(");
  private static final Pattern ANNOTATION = Pattern.compile("@[\\w.]+(?:\\([^)]*\\))?");
  private static final Pattern TYPE_DECLARATION =
      Pattern.compile(
          "(^|\\s)(class|interface|enum|record|@interface|namespace)\\s+\\w+|^(export\\s+)?type\\s+\\w+");
  private static final Set<String> KEYWORDS =
      Set.of(
          "if",
          "for",
          "while",
          "switch",
          "catch",
          "return",
          "new",
          "function",
          "synchronized",
          "throw",
          "typeof",
          "await",
          "super",
          "this");
  private static final Pattern INLINE_TAG = Pattern.compile("\\{@(\\w+)\\s+([^}]*)}");
  private static final Pattern HTML_TAG = Pattern.compile("</?[a-zA-Z][^>]*>");
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?](\\s|$)");
  private static final Pattern ACCESSOR = Pattern.compile("^(get|set|is|has)[A-Z_].*");

  private DocComments() {}

  /** Every documented function of a file whose comment makes a usable query. */
  static List<Doc> find(String path, String text) {
    List<Doc> docs = new ArrayList<>();
    SourceScanner scanner = new SourceScanner(text, path);
    SourceScanner.Lines lines = new SourceScanner.Lines(text);
    int i = 0;
    while (i < text.length()) {
      int skipped = scanner.skip(i);
      if (skipped == i) {
        i++;
        continue;
      }
      if (text.startsWith("/**", i) && !text.startsWith("/**/", i)) {
        int end = skipped;
        document(path, text, scanner, lines, i, end).ifPresent(docs::add);
      }
      i = skipped;
    }
    return docs;
  }

  private static Optional<Doc> document(
      String path,
      String text,
      SourceScanner scanner,
      SourceScanner.Lines lines,
      int commentStart,
      int commentEnd) {
    int declaration = declarationStart(text, commentEnd);
    if (declaration < 0) {
      return Optional.empty();
    }
    int lineEnd = text.indexOf('\n', declaration);
    String head = text.substring(declaration, lineEnd < 0 ? text.length() : lineEnd).strip();
    Optional<String> name = functionName(head, path.endsWith(".java"));
    if (name.isEmpty()) {
      return Optional.empty();
    }
    OptionalInt bodyEnd = scanner.bodyEnd(declaration);
    if (bodyEnd.isEmpty()) {
      return Optional.empty();
    }
    int startLine = lines.lineOf(declaration);
    int endLine = lines.lineOf(bodyEnd.getAsInt());
    String comment = text.substring(commentStart, commentEnd);
    Optional<String> sentence = firstSentence(comment);
    if (sentence.isEmpty() || trivial(sentence.get(), name.get(), endLine - startLine + 1)) {
      return Optional.empty();
    }
    return Optional.of(
        new Doc(path, commentStart, commentEnd, sentence.get(), name.get(), startLine, endLine));
  }

  /** The first non-blank line after the comment that is not an annotation or decorator. */
  private static int declarationStart(String text, int from) {
    int i = from;
    while (i < text.length()) {
      while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i >= text.length() || text.startsWith("/*", i) || text.startsWith("//", i)) {
        return -1;
      }
      int lineEnd = text.indexOf('\n', i);
      String line =
          text.substring(i, lineEnd < 0 ? text.length() : lineEnd).replaceFirst("//.*", "").strip();
      if (line.startsWith("@") && ANNOTATION.matcher(line).replaceAll("").isBlank()) {
        i = lineEnd < 0 ? text.length() : lineEnd + 1;
        continue;
      }
      return i;
    }
    return -1;
  }

  /** The function's name, if the declaration line declares a function or method. */
  static Optional<String> functionName(String head, boolean java) {
    String line = ANNOTATION.matcher(head.replaceFirst("//.*", "")).replaceAll(" ").strip();
    int paren = line.indexOf('(');
    String beforeParen = paren < 0 ? line : line.substring(0, paren);
    if (TYPE_DECLARATION.matcher(beforeParen).find()) {
      return Optional.empty();
    }
    Matcher named = NAMED_FUNCTION.matcher(line);
    if (!java && named.find()) {
      return Optional.of(named.group(1));
    }
    String stripped =
        line.replaceFirst(
            "^(?:(?:export|default|const|let|var|static|async|public|private|protected)\\s+)*", "");
    Matcher assigned = ASSIGNED.matcher(stripped);
    if (!java && assigned.find()) {
      return Optional.of(assigned.group(1));
    }
    if (paren < 0 || beforeParen.contains("=")) {
      return Optional.empty(); // a field, or a JavaScript value that is not a function
    }
    Matcher called = CALLED.matcher(line);
    while (called.find()) {
      if (!KEYWORDS.contains(called.group(1))) {
        return Optional.of(called.group(1));
      }
    }
    return Optional.empty();
  }

  /** The first sentence of a doc comment's description, as plain text. */
  static Optional<String> firstSentence(String comment) {
    String body = comment.replaceFirst("^/\\*\\*", "").replaceFirst("\\*/$", "");
    StringBuilder description = new StringBuilder();
    for (String line : body.split("\n")) {
      String content = line.strip().replaceFirst("^\\*+\\s?", "").strip();
      if (content.startsWith("@")) {
        break;
      }
      description.append(content).append(' ');
    }
    String text = description.toString();
    if (text.contains("{@inheritDoc}")) {
      return Optional.empty();
    }
    text =
        INLINE_TAG
            .matcher(text)
            .replaceAll(
                m ->
                    Matcher.quoteReplacement(
                        m.group(1).startsWith("link") ? linkText(m.group(2)) : m.group(2)));
    text = HTML_TAG.matcher(text).replaceAll(" ");
    text =
        text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&nbsp;", " ")
            .replace("&#64;", "@")
            .replace("&amp;", "&")
            .replace("`", "")
            .replace("e.g.", "e_g_")
            .replace("i.e.", "i_e_")
            .replaceAll("\\s+", " ")
            .strip();
    Matcher end = SENTENCE_END.matcher(text);
    String sentence = end.find() ? text.substring(0, end.start() + 1) : text;
    sentence = sentence.replace("e_g_", "e.g.").replace("i_e_", "i.e.").strip();
    return sentence.isEmpty() ? Optional.empty() : Optional.of(sentence);
  }

  /** {@code A#b(C, D) label} reads as its label, {@code A#b(C)} as {@code b}, {@code A} as A. */
  static String linkText(String link) {
    String target = link.strip();
    int close = target.indexOf(')');
    int labelStart = close >= 0 ? close + 1 : target.indexOf(' ') + 1;
    if (labelStart > 0 && !target.substring(labelStart).isBlank()) {
      return target.substring(labelStart).strip();
    }
    target = target.replaceAll("\\(.*", "").strip();
    int hash = target.indexOf('#');
    return hash >= 0 ? target.substring(hash + 1) : target;
  }

  /** Getters and setters, constructors' boilerplate, and sentences too short to be a query. */
  static boolean trivial(String sentence, String symbol, int lines) {
    String[] words = sentence.split("\\s+");
    if (words.length < 4 || words.length > 60) {
      return true;
    }
    if (ACCESSOR.matcher(symbol).matches() && lines <= 5) {
      return true;
    }
    String lower = sentence.toLowerCase(Locale.ROOT);
    return lower.startsWith("constructs a")
        || lower.startsWith("constructor")
        || lower.startsWith("creates a new instance")
        || lower.startsWith("default constructor")
        || lower.startsWith("no-arg constructor")
        || lower.startsWith("@")
        || lower.contains("inheritdoc")
        || lower.startsWith("see ")
        || lower.startsWith("deprecated")
        || lower.startsWith("this method is deprecated")
        || lower.startsWith("for internal use")
        || lower.startsWith("helper method")
        || lower.startsWith("method called")
        || lower.startsWith("overridden");
  }
}
