package dev.oncell.plugins.security.secrets;

import dev.oncell.agent.Context;
import dev.oncell.agent.tools.secrets.SecretRules;
import dev.oncell.agent.tools.secrets.SecretRulesException;
import dev.oncell.agent.tools.secrets.SecretScanner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where the secret rules come from, first found wins: the customer's config {@code secretRules}
 * (the text of a gitleaks TOML file), the repository's own {@code .gitleaks.toml} (as gitleaks
 * itself reads it), else the rules shipped with agent-tools. A file with {@code [extend] useDefault
 * = true} adds to the shipped rules.
 *
 * <p>A customer's rules only ever decide the customer's own findings, and each rule's matching is
 * bounded in time, so a hostile rule file costs its author a skipped rule, nothing more.
 */
public final class RuleSource {

  /** The repository's rule file, as gitleaks names it. */
  public static final String REPO_FILE = ".gitleaks.toml";

  /** The largest rule file read. */
  static final int MAX_RULE_FILE = 1 << 20;

  private RuleSource() {}

  /**
   * The secrets engine with the rules that apply.
   *
   * @throws SecretRulesException naming the file, line and rule
   */
  public static SecretsScanner load(Context ctx, SecretScanner.Limits limits) {
    String text;
    String source;
    if (ctx.config().path("secretRules").isTextual()) {
      text = ctx.config().path("secretRules").asText();
      source = "config.secretRules";
    } else if (ctx.store().exists(REPO_FILE) && !ctx.store().isDirectory(REPO_FILE)) {
      byte[] bytes = ctx.store().read(REPO_FILE);
      if (bytes.length > MAX_RULE_FILE) {
        throw new SecretRulesException(
            REPO_FILE + ": too large (" + bytes.length + " bytes, at most " + MAX_RULE_FILE + ")");
      }
      text = new String(bytes, StandardCharsets.UTF_8);
      source = REPO_FILE;
    } else {
      return new SecretsScanner(
          new SecretScanner(SecretRules.builtin(), limits), "builtin-" + BuiltinVersion.VALUE);
    }
    SecretRules rules = SecretRules.parse(text, source);
    return new SecretsScanner(new SecretScanner(rules, limits), source + "-" + hash(text));
  }

  private static final class BuiltinVersion {
    static final String VALUE = hash(rulesText());

    private static String rulesText() {
      try (var in = SecretRules.class.getResourceAsStream("oncell-secrets.toml")) {
        return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  static String hash(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
