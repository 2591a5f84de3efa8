package dev.oncell.llm;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A config value that is either written out or a reference such as {@code $OPENAI_API_KEY} (or
 * {@code ${OPENAI_API_KEY}}) to an environment variable or an operator secret. Its {@code toString}
 * never shows a written-out value: config values of this kind are secrets.
 */
public final class ConfigValue {

  private static final Pattern REFERENCE =
      Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)}|([A-Za-z_][A-Za-z0-9_]*))");

  private final String text;
  private final Optional<String> variable;

  private ConfigValue(String text) {
    this.text = Objects.requireNonNull(text, "text");
    Matcher m = REFERENCE.matcher(text.strip());
    this.variable =
        m.matches() ? Optional.of(m.group(1) != null ? m.group(1) : m.group(2)) : Optional.empty();
  }

  public static ConfigValue of(String text) {
    return new ConfigValue(text);
  }

  /** Whether {@code text} looks like a reference but is not a valid one (such as {@code $1X}). */
  public static boolean malformedReference(String text) {
    String t = text.strip();
    return t.startsWith("$") && !REFERENCE.matcher(t).matches();
  }

  /** The variable this value refers to, if it is a reference. */
  public Optional<String> variable() {
    return variable;
  }

  /**
   * The value: written out, or looked up through {@code resolver}.
   *
   * @throws LlmException {@code llm_missing_secret} when the variable is set nowhere
   */
  public String resolve(VariableResolver resolver, String usedFor) {
    if (variable.isEmpty()) {
      return text;
    }
    String name = variable.get();
    return resolver
        .resolve(name)
        .filter(v -> !v.isEmpty())
        .orElseThrow(
            () ->
                LlmException.terminal(
                    LlmException.MISSING_SECRET,
                    usedFor
                        + " refers to $"
                        + name
                        + ", which is neither an operator secret nor set in the server's"
                        + " environment; set it with: oncell secrets set "
                        + name
                        + "=..."));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConfigValue other && other.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return variable.map(v -> "$" + v).orElse("(written out)");
  }
}
