package dev.oncell.plugins.security.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a "missing" sink (a cookie without its flags) looks in: the call, and the statements of its
 * function that name a variable the call passes ({@code c.setSecure(true)}, the literal with {@code
 * Secure: true} that made {@code c}).
 */
final class CallContext {

  private static final int MAX_CONTEXT = 65536;
  private static final int MAX_STATEMENT = 8192;
  private static final Set<String> STATEMENTS =
      Set.of(
          "expression_statement",
          "local_variable_declaration",
          "short_var_declaration",
          "assignment_statement",
          "var_declaration",
          "lexical_declaration",
          "variable_declaration");

  private CallContext() {}

  /**
   * The call and, for each variable it passes, the statements of the unit that mention that
   * variable (whole statements, so a multi-line literal counts): where {@code c.setSecure(true)} or
   * {@code Secure: true} would be.
   */
  static String of(ParsedFile file, Units unit, Call call, String callText) {
    StringBuilder sb = new StringBuilder(callText);
    for (Call.Arg arg : call.args()) {
      Node v = arg.value();
      if (v.type().equals("unary_expression") && !v.named().isEmpty()) {
        v = v.named().getLast();
      }
      if (!v.type().equals("identifier") || unit == null) {
        continue;
      }
      String name = file.text(v);
      List<Node> stack = new ArrayList<>(List.of(unit.node()));
      while (!stack.isEmpty() && sb.length() < MAX_CONTEXT) {
        Node node = stack.removeLast();
        if (STATEMENTS.contains(node.type()) && node.end() - node.start() <= MAX_STATEMENT) {
          String text = file.text(node);
          if (mentions(text, name)) {
            sb.append('\n').append(text);
          }
          continue;
        }
        stack.addAll(node.children());
      }
    }
    return sb.toString();
  }

  private static boolean mentions(String line, String name) {
    int at = line.indexOf(name);
    while (at >= 0) {
      boolean before = at == 0 || !Character.isJavaIdentifierPart(line.charAt(at - 1));
      int end = at + name.length();
      boolean after = end >= line.length() || !Character.isJavaIdentifierPart(line.charAt(end));
      if (before && after) {
        return true;
      }
      at = line.indexOf(name, at + 1);
    }
    return false;
  }
}
