package dev.oncell.runtime.internal.git;

import dev.oncell.agent.git.GitCodes;
import dev.oncell.agent.git.Person;
import dev.oncell.runtime.CellException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks every name and path before a git command is built, so a bad one fails with a clear code
 * and nothing runs. Branch names follow {@code git check-ref-format --branch}; revisions are such a
 * name (or a commit id, {@code HEAD}) with {@code ~N}/{@code ^N} suffixes; paths stay inside the
 * repository.
 */
public final class GitNames {

  private static final int MAX_NAME = 255;
  private static final int MAX_PATH = 4096;
  private static final Pattern SUFFIXES = Pattern.compile("([~^][0-9]{0,6})*$");

  private GitNames() {}

  /** A branch name git accepts for {@code refs/heads/<name>}; else {@code invalid_ref}. */
  public static String branch(String name) {
    String problem = refProblem(name);
    if (problem == null && (name.startsWith("-") || name.equals("HEAD"))) {
      problem = "it starts with '-' or is HEAD";
    }
    if (problem != null) {
      throw CellException.invalid(
          GitCodes.INVALID_REF, "'" + printable(name) + "' is not a valid branch name: " + problem);
    }
    return name;
  }

  /** A remote's name, such as {@code origin}; else {@code invalid_ref}. */
  public static String remote(String name) {
    String problem = refProblem(name);
    if (problem == null && (name.startsWith("-") || name.contains("/"))) {
      problem = "it starts with '-' or has a '/'";
    }
    if (problem != null) {
      throw CellException.invalid(
          GitCodes.INVALID_REF, "'" + printable(name) + "' is not a valid remote name: " + problem);
    }
    return name;
  }

  /**
   * A revision: a branch, tag or remote branch name, a commit id or {@code HEAD}, with {@code ~N}
   * and {@code ^N} suffixes; else {@code invalid_ref}.
   */
  public static String revision(String rev) {
    String base = rev.length() > 2 * MAX_NAME ? rev : SUFFIXES.matcher(rev).replaceFirst("");
    String problem = base.isEmpty() ? "it is empty" : refProblem(base);
    if (problem == null && base.startsWith("-")) {
      problem = "it starts with '-'";
    }
    if (problem != null) {
      throw CellException.invalid(
          GitCodes.INVALID_REF, "'" + printable(rev) + "' is not a valid revision: " + problem);
    }
    return rev;
  }

  /** Why {@code name} fails {@code git check-ref-format --allow-onelevel}, or null if it passes. */
  static String refProblem(String name) {
    if (name.isEmpty()) {
      return "it is empty";
    }
    if (name.length() > MAX_NAME) {
      return "it is longer than " + MAX_NAME + " characters";
    }
    if (name.equals("@")) {
      return "it is '@'";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c == 0x7f || " ~^:?*[\\".indexOf(c) >= 0) {
        return "it contains a space, a control character or one of ~^:?*[\\";
      }
    }
    if (name.contains("..") || name.contains("@{") || name.contains("//")) {
      return "it contains '..', '@{' or '//'";
    }
    if (name.startsWith("/") || name.endsWith("/") || name.endsWith(".")) {
      return "it starts or ends with '/' or ends with '.'";
    }
    for (String part : name.split("/")) {
      if (part.startsWith(".") || part.endsWith(".lock")) {
        return "a part starts with '.' or ends with '.lock'";
      }
    }
    return null;
  }

  /**
   * A path relative to the repository: not empty, not absolute, no {@code ..}, no NUL; {@code ./}
   * and repeated slashes removed. Else {@code invalid_path}.
   */
  public static String path(String path) {
    if (path.isEmpty()
        || path.length() > MAX_PATH
        || path.indexOf(0) >= 0
        || path.startsWith("/")) {
      throw CellException.invalid(
          GitCodes.INVALID_PATH,
          "path '"
              + printable(path)
              + "' must be relative to the repository, non-empty and without NUL");
    }
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (part.equals("..")) {
        throw CellException.invalid(
            GitCodes.INVALID_PATH, "path '" + printable(path) + "' leaves the repository ('..')");
      }
      if (!part.isEmpty() && !part.equals(".")) {
        parts.add(part);
      }
    }
    return parts.isEmpty() ? "." : String.join("/", parts);
  }

  /**
   * A repository folder relative to {@code /work} ({@code ""} for /work), from {@code folder}
   * relative to {@code base} or absolute under {@code /work}. Else {@code invalid_path}.
   */
  public static String folder(String base, String folder) {
    String relative;
    if (folder.equals("/work") || folder.startsWith("/work/")) {
      relative = folder.substring("/work".length());
    } else if (folder.startsWith("/")) {
      throw CellException.invalid(
          GitCodes.INVALID_PATH, "folder '" + printable(folder) + "' is not under /work");
    } else {
      relative = base.isEmpty() ? folder : base + "/" + folder;
    }
    String clean = relative.replaceAll("^/+", "");
    if (clean.isEmpty()) {
      return "";
    }
    String checked = path(clean);
    return checked.equals(".") ? "" : checked;
  }

  /** A person git can write as an author or committer; else {@code invalid_identity}. */
  public static Person person(Person person, String role) {
    boolean nameOk =
        !person.name().isBlank()
            && person.name().length() <= MAX_NAME
            && person.name().chars().noneMatch(c -> c == '<' || c == '>' || c < 0x20);
    boolean emailOk =
        !person.email().isBlank()
            && person.email().length() <= MAX_NAME
            && person.email().chars().noneMatch(c -> c == '<' || c == '>' || c <= 0x20);
    if (!nameOk || !emailOk) {
      throw CellException.invalid(
          GitCodes.INVALID_IDENTITY,
          "the "
              + role
              + " needs a non-blank name and email without '<', '>' or line breaks (and an email"
              + " without spaces), not '"
              + printable(person.ident())
              + "'");
    }
    return person;
  }

  /** {@code text} for an error message: control characters shown as {@code ?}, at most 200. */
  static String printable(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .limit(200)
        .forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return text.codePointCount(0, text.length()) > 200 ? out + "..." : out.toString();
  }
}
