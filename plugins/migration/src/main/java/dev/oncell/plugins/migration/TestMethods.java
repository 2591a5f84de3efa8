package dev.oncell.plugins.migration;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test methods a source file declares, found by simple parsing (no compiler), so that the agent
 * itself can tell when a step deleted or emptied a test: Java methods annotated {@code @Test}
 * (JUnit 4 and 5, also {@code @ParameterizedTest}, {@code @RepeatedTest}, {@code @TestFactory},
 * {@code @TestTemplate}, {@code @Theory}) or named {@code test...} in a JUnit 3 {@code TestCase};
 * Python functions and methods named {@code test...}.
 *
 * <p>Each method maps to whether its body does anything: a body of only comments, {@code pass},
 * {@code ...} or a docstring is empty. Ids are {@code Class.method} (Python module-level tests:
 * {@code method}), not paths, so moving a test class to another file is not a deletion.
 */
final class TestMethods {

  private static final Pattern JAVA_TEST_ANNOTATION =
      Pattern.compile(
          "@(?:[\\w.]*\\.)?(Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate|Theory)\\b");
  private static final Pattern JAVA_CLASS =
      Pattern.compile("\\b(?:class|record|enum|interface)\\s+(\\w+)");
  private static final Pattern JUNIT3_CLASS =
      Pattern.compile("\\bextends\\s+(?:junit\\.framework\\.)?TestCase\\b");
  private static final Pattern JUNIT3_METHOD =
      Pattern.compile("\\bpublic\\s+void\\s+(test\\w*)\\s*\\(\\s*\\)");
  private static final Pattern PY_CLASS = Pattern.compile("^([ \\t]*)class\\s+(\\w+)");
  private static final Pattern PY_DEF =
      Pattern.compile("^([ \\t]*)(?:async\\s+)?def\\s+(test\\w*)\\s*\\(");

  private TestMethods() {}

  /** Whether {@code path} is a file whose tests this parser reads. */
  static boolean isTestFile(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (name.endsWith(".java")) {
      return path.contains("/test/")
          || path.startsWith("test/")
          || name.matches("(Test\\w*|\\w*(Test|Tests|TestCase|IT))\\.java");
    }
    if (name.endsWith(".py")) {
      return name.startsWith("test_")
          || name.endsWith("_test.py")
          || path.startsWith("tests/")
          || path.contains("/tests/");
    }
    return false;
  }

  /**
   * The tests of {@code text}, the content of {@code path}: id to "has a body that does something".
   */
  static Map<String, Boolean> of(String path, String text) {
    if (path.endsWith(".java")) {
      return java(text);
    }
    if (path.endsWith(".py")) {
      return python(text);
    }
    return Map.of();
  }

  static Map<String, Boolean> java(String source) {
    String code = JavaText.blankCommentsAndStrings(source);
    Map<String, Boolean> tests = new TreeMap<>();
    Matcher a = JAVA_TEST_ANNOTATION.matcher(code);
    int from = 0;
    while (a.find(from)) {
      from = a.end();
      JavaText.Method m = JavaText.methodAfter(code, a.end());
      if (m != null) {
        tests.put(className(code, a.start()) + "." + m.name(), !m.body().isBlank());
        from = Math.max(from, m.end());
      }
    }
    if (JUNIT3_CLASS.matcher(code).find()) {
      Matcher j3 = JUNIT3_METHOD.matcher(code);
      while (j3.find()) {
        JavaText.Method m = JavaText.methodAfter(code, j3.start());
        if (m != null) {
          tests.putIfAbsent(className(code, j3.start()) + "." + m.name(), !m.body().isBlank());
        }
      }
    }
    return tests;
  }

  private static String className(String code, int before) {
    Matcher c = JAVA_CLASS.matcher(code);
    String name = "";
    while (c.find() && c.start() < before) {
      name = c.group(1);
    }
    return name;
  }

  static Map<String, Boolean> python(String source) {
    String[] lines = source.split("\n", -1);
    Map<String, Boolean> tests = new TreeMap<>();
    String cls = "";
    int clsIndent = -1;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank() || line.strip().startsWith("#")) {
        continue;
      }
      int indent = indent(line);
      if (clsIndent >= 0 && indent <= clsIndent) {
        cls = "";
        clsIndent = -1;
      }
      Matcher c = PY_CLASS.matcher(line);
      if (c.find()) {
        cls = c.group(2);
        clsIndent = indent;
        continue;
      }
      Matcher d = PY_DEF.matcher(line);
      if (d.find()) {
        int end = i;
        while (end < lines.length - 1 && !stripComment(lines[end]).stripTrailing().endsWith(":")) {
          end++; // a signature over several lines
        }
        boolean body = pythonBodyDoesSomething(lines, end + 1, indent);
        tests.put(cls.isEmpty() ? d.group(2) : cls + "." + d.group(2), body);
      }
    }
    return tests;
  }

  private static boolean pythonBodyDoesSomething(String[] lines, int start, int defIndent) {
    boolean inDocstring = false;
    for (int i = start; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank()) {
        continue;
      }
      if (!inDocstring && indent(line) <= defIndent) {
        return false; // the body ended
      }
      String s = stripComment(line).strip();
      int quotes = count(s, "\"\"\"") + count(s, "'''");
      if (inDocstring) {
        inDocstring = quotes % 2 == 0;
        continue;
      }
      if (s.isEmpty() || s.equals("pass") || s.equals("...")) {
        continue;
      }
      if (s.startsWith("\"\"\"") || s.startsWith("'''")) {
        inDocstring = quotes % 2 == 1;
        continue;
      }
      if ((s.startsWith("\"") || s.startsWith("'"))
          && s.length() > 1
          && s.endsWith(s.substring(0, 1))) {
        continue; // a one-line string statement
      }
      return true;
    }
    return false;
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) {
      n++;
    }
    return n;
  }

  private static String stripComment(String line) {
    int hash = line.indexOf('#');
    return hash < 0
            || line.substring(0, hash).chars().filter(c -> c == '"' || c == '\'').count() % 2 == 1
        ? line
        : line.substring(0, hash);
  }

  private static int indent(String line) {
    int n = 0;
    while (n < line.length() && (line.charAt(n) == ' ' || line.charAt(n) == '\t')) {
      n++;
    }
    return n;
  }
}
