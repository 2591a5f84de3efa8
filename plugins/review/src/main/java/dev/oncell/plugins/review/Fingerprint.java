package dev.oncell.plugins.review;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * What makes two findings the same, across reviews of one pull request: the file, the title in
 * lower case with its punctuation and spacing dropped, and the text of the line it points at
 * (trimmed). Not the line number: lines move when code is added above them, and a model words the
 * same title slightly differently from one push to the next far less often than lines move.
 */
public record Fingerprint(String value) {

  /** The fingerprint of {@code finding} whose line reads {@code lineText} (empty if unknown). */
  static Fingerprint of(Finding finding, String lineText) {
    String title =
        finding.title().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    String key = finding.file() + "\n" + title + "\n" + lineText.strip();
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return new Fingerprint(HexFormat.of().formatHex(digest, 0, 16));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
