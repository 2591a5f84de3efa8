package dev.oncell.plugins.migration;

import java.util.regex.Pattern;

/**
 * A file glob as build tools write them, matched against a path relative to the repository's root:
 * {@code *} within one folder name, {@code **}{@code /} any folders (none included, so {@code
 * **}{@code /pom.xml} matches the root's {@code pom.xml}), {@code ?} one character, {@code {a,b}}
 * either. Compiled to a {@link Pattern} without nested quantifiers, so matching is linear.
 */
record Glob(String glob, Pattern pattern) {

  static Glob of(String glob) {
    StringBuilder re = new StringBuilder();
    int depth = 0;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        boolean slash = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
        re.append(slash ? "(?:.*/)?" : ".*");
        i += slash ? 2 : 1;
      } else if (c == '*') {
        re.append("[^/]*");
      } else if (c == '?') {
        re.append("[^/]");
      } else if (c == '{') {
        re.append("(?:");
        depth++;
      } else if (c == '}' && depth > 0) {
        re.append(')');
        depth--;
      } else if (c == ',' && depth > 0) {
        re.append('|');
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    if (depth != 0) {
      throw new IllegalArgumentException("glob " + glob + " has an unclosed {");
    }
    return new Glob(glob, Pattern.compile(re.toString()));
  }

  boolean matches(String path) {
    return pattern.matcher(path).matches();
  }
}
