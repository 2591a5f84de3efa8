package dev.oncell.search.internal.files;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** Tells text from binary and hashes file content. */
public final class TextFiles {

  /** A NUL byte within this many first bytes marks a binary file, as git and grep decide. */
  static final int SNIFF = 8192;

  private TextFiles() {}

  /** The content as text, or empty for a binary file (a NUL byte early on, or invalid UTF-8). */
  public static Optional<String> decode(byte[] bytes) {
    int n = Math.min(bytes.length, SNIFF);
    for (int i = 0; i < n; i++) {
      if (bytes[i] == 0) {
        return Optional.empty();
      }
    }
    boolean ascii = true;
    for (byte b : bytes) {
      if (b < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return Optional.of(new String(bytes, StandardCharsets.ISO_8859_1));
    }
    try {
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes));
      return Optional.of(chars.toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /** A 128-bit hex digest of the content (the first half of its SHA-256). */
  public static String hash(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always present", e);
    }
  }
}
