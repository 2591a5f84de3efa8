package dev.oncell.server.internal;

import io.helidon.webserver.http.ServerRequest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Path parameters decoded exactly: a percent-encoded path whose bytes are not UTF-8 ({@code
 * %ff%fe}) is refused rather than decoded with U+FFFD in place of its bytes, which would make two
 * different names collide.
 */
final class PathParams {

  private PathParams() {}

  /**
   * The parameter {@code name}, after checking that the request's whole path decodes as UTF-8.
   *
   * @throws ApiException 400 {@code errorCode} when it does not
   */
  static String exact(ServerRequest req, String name, String errorCode) {
    String raw = req.path().rawPath();
    if (!decodesAsUtf8(raw)) {
      throw ApiException.badRequest(
          errorCode, "the path is not percent-encoded UTF-8; names must be valid UTF-8");
    }
    return req.path().pathParameters().first(name).orElse("");
  }

  static boolean decodesAsUtf8(String raw) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          return false;
        }
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return false;
        }
        bytes.write(hi << 4 | lo);
        i += 2;
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        return false; // a raw request line is ASCII; anything else was not sent as UTF-8 escapes
      }
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
