package dev.oncell.llm.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;

/** Keeps secrets out of messages. */
final class Redactor {

  private Redactor() {}

  /** {@code text} with every occurrence of each secret (of 4 characters or more) masked. */
  static String scrub(String text, Collection<String> secrets) {
    if (text == null) {
      return "";
    }
    String out = text;
    for (String secret : secrets) {
      if (secret != null && secret.length() >= 4) {
        out = out.replace(secret, "[secret]");
      }
    }
    return out;
  }

  /** A one-way fingerprint of a secret, to tell whether it changed without keeping it. */
  static String fingerprint(String secret) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
