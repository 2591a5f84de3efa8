package dev.oncell.plugins.security.code;

/**
 * What a "missing" sink (a cookie without its flags) looks in: the call, and the lines of its
 * function that name a variable the call passes ({@code c.setSecure(true)}, {@code Secure: true} in
 * the literal that made {@code c}). Line-based: a flag on a line of a multi-line literal that does
 * not name the variable is not seen (a known false alarm).
 */
final class CallContext {

  private static final int MAX_CONTEXT = 65536;

  private CallContext() {}

  /**
   * The call and, for each variable it passes, the lines of the unit that mention that variable:
   * where {@code c.setSecure(true)} or {@code Secure: true} would be.
   */
  static String of(ParsedFile file, Units unit, Call call, String callText) {
    StringBuilder sb = new StringBuilder(callText);
    String body = unit == null ? "" : file.text(unit.node());
    body = body.length() > MAX_CONTEXT ? body.substring(0, MAX_CONTEXT) : body;
    for (Call.Arg arg : call.args()) {
      Node v = arg.value();
      if (v.type().equals("unary_expression") && !v.named().isEmpty()) {
        v = v.named().getLast();
      }
      if (!v.type().equals("identifier")) {
        continue;
      }
      String name = file.text(v);
      for (String line : body.split("\n")) {
        if (mentions(line, name)) {
          sb.append('\n').append(line);
        }
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
