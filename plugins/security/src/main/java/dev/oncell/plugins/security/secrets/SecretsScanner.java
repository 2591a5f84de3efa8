package dev.oncell.plugins.security.secrets;

import dev.oncell.agent.tools.secrets.Leak;
import dev.oncell.agent.tools.secrets.SecretScanner;
import dev.oncell.plugins.security.Finding;
import dev.oncell.plugins.security.Scanner;
import dev.oncell.plugins.security.Severity;
import dev.oncell.plugins.security.SourceFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The secrets engine: agent-tools' gitleaks-format {@link SecretScanner} (the same one the coding
 * and review agents use) over the working tree and every blob of the history. A finding holds the
 * secret redacted only; its fingerprint is the rule, the file and a hash of the secret, so the same
 * secret in many versions of a file is one finding, and moving it to another line is not a new one.
 */
public final class SecretsScanner implements Scanner {

  /** Hard-coded credentials. */
  public static final String CWE = "CWE-798";

  private final SecretScanner scanner;
  private final String version;
  private final List<String> skipped = new ArrayList<>();

  /**
   * @param version what identifies the rules (a hash of their file), so a blob is scanned again
   *     when they change
   */
  public SecretsScanner(SecretScanner scanner, String version) {
    this.scanner = Objects.requireNonNull(scanner, "scanner");
    this.version = Objects.requireNonNull(version, "version");
  }

  @Override
  public String category() {
    return "secrets";
  }

  @Override
  public boolean scansHistory() {
    return true;
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public synchronized List<String> takeSkipped() {
    List<String> out = List.copyOf(skipped);
    skipped.clear();
    return out;
  }

  @Override
  public List<Finding> scan(List<SourceFile> files) {
    List<Finding> out = new ArrayList<>();
    for (SourceFile file : files) {
      SecretScanner.Result result = scanner.scan(file.path(), file.text(), Optional.empty());
      synchronized (this) {
        skipped.addAll(result.skipped());
      }
      for (Leak leak : result.leaks()) {
        out.add(finding(leak));
      }
    }
    return out;
  }

  private static Finding finding(Leak leak) {
    return new Finding(
        "secrets",
        leak.ruleId(),
        severity(leak),
        CWE,
        leak.path(),
        leak.line(),
        leak.snippet(),
        fingerprint(leak),
        String.format(
            Locale.ROOT,
            "%s: %s (entropy %.2f)",
            leak.description().isEmpty() ? leak.ruleId() : leak.description(),
            leak.redacted(),
            leak.entropy()));
  }

  /** Provider keys and private keys are high; generic assignments and tokens medium. */
  static Severity severity(Leak leak) {
    if (leak.tags().contains("generic") || leak.tags().contains("token")) {
      return Severity.MEDIUM;
    }
    if (leak.tags().contains("key") || leak.tags().contains("cloud")) {
      return Severity.CRITICAL;
    }
    return Severity.HIGH;
  }

  /** Stable across scans, lines and commits: rule, file and the secret's hash. */
  static String fingerprint(Leak leak) {
    String key = "secrets\n" + leak.ruleId() + "\n" + leak.path() + "\n" + leak.secretSha256();
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
