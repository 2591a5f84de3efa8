package dev.oncell.runtime.internal.webhook;

import dev.oncell.runtime.WebhookForge;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a delivery's signature against one secret, in constant time. GitHub: {@code
 * X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>}; Gitea and Forgejo: {@code
 * X-Gitea-Signature: <hex HMAC-SHA256 of the raw body>}; GitLab: {@code X-Gitlab-Token: <the
 * secret>}, compared through SHA-256 digests so that neither its content nor its length shows in
 * the time taken.
 */
final class ForgeSignatures {

  private static final String GITHUB_PREFIX = "sha256=";

  private ForgeSignatures() {}

  static boolean verify(
      WebhookForge forge, String secret, byte[] body, Optional<String> signature) {
    if (signature.isEmpty()) {
      return false;
    }
    String given = signature.get().strip();
    return switch (forge) {
      case GITHUB ->
          given.regionMatches(true, 0, GITHUB_PREFIX, 0, GITHUB_PREFIX.length())
              && sameHmac(secret, body, given.substring(GITHUB_PREFIX.length()));
      case GITEA -> sameHmac(secret, body, given);
      case GITLAB -> MessageDigest.isEqual(sha256(given), sha256(secret));
    };
  }

  /** The hex HMAC-SHA256 of {@code body} under {@code secret}, as GitHub and Gitea send it. */
  static String hmacHex(String secret, byte[] body) {
    return HexFormat.of().formatHex(hmac(secret, body));
  }

  private static boolean sameHmac(String secret, byte[] body, String hex) {
    byte[] given;
    try {
      given = HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(hmac(secret, body), given);
  }

  private static byte[] hmac(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
