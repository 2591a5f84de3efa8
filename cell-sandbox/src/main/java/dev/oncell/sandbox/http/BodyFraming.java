package dev.oncell.sandbox.http;

import java.util.List;

/**
 * How a message's body ends (RFC 9112 section 6.3): it has none, it is {@code Content-Length} bytes
 * long, it is chunked, or it lasts until the connection closes.
 */
public sealed interface BodyFraming {

  /** No body. */
  record None() implements BodyFraming {}

  /** Exactly {@code bytes} bytes. */
  record Length(long bytes) implements BodyFraming {}

  /** The chunked transfer coding, ended by a chunk of size 0 and a trailer section. */
  record Chunked() implements BodyFraming {}

  /** Everything up to the end of the stream. */
  record UntilClose() implements BodyFraming {}

  /**
   * The framing of a response to a request with {@code requestMethod}: none for {@code HEAD}, a 2xx
   * answer to {@code CONNECT}, 1xx, 204 and 304; else chunked when chunked is the last transfer
   * coding, until close for any other transfer coding; else the {@code Content-Length}; else until
   * close.
   *
   * @throws HttpFormatException (MALFORMED) for a malformed status line or {@code Content-Length}
   */
  static BodyFraming ofResponse(HttpHead response, String requestMethod)
      throws HttpFormatException {
    int status = response.statusLine().status();
    if (requestMethod.equals("HEAD")
        || (requestMethod.equals("CONNECT") && status / 100 == 2)
        || status / 100 == 1
        || status == 204
        || status == 304) {
      return new None();
    }
    if (response.has("Transfer-Encoding")) {
      List<String> codings = response.tokens("Transfer-Encoding");
      return !codings.isEmpty() && codings.getLast().equals("chunked")
          ? new Chunked()
          : new UntilClose();
    }
    if (response.contentLength().isPresent()) {
      return new Length(response.contentLength().getAsLong());
    }
    return new UntilClose();
  }
}
