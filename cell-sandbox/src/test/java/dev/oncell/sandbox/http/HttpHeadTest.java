package dev.oncell.sandbox.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncell.sandbox.http.HttpFormatException.Problem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The head codec on its own: what it reads, what it refuses and why, what it writes. */
class HttpHeadTest {

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static HttpHead read(String text) throws IOException {
    return HttpHead.read(stream(text), 16 * 1024).orElseThrow();
  }

  private static void assertRefused(String text, Problem problem, String message) {
    assertThatThrownBy(() -> read(text))
        .as(text)
        .isInstanceOfSatisfying(
            HttpFormatException.class, e -> assertThat(e.problem()).isEqualTo(problem))
        .hasMessageContaining(message);
  }

  @Test
  void readsARequestHeadAndStopsAtItsEmptyLine() throws IOException {
    InputStream in =
        stream("POST http://a.test/x?y=1 HTTP/1.1\r\nHost: a.test\r\nX-Empty:\r\n\r\nbody bytes");
    HttpHead head = HttpHead.read(in, 1024).orElseThrow();
    assertThat(head.startLine()).isEqualTo("POST http://a.test/x?y=1 HTTP/1.1");
    assertThat(head.requestLine())
        .isEqualTo(new RequestLine("POST", "http://a.test/x?y=1", "HTTP/1.1"));
    assertThat(head.fields())
        .containsExactly(new HttpHead.Field("Host", "a.test"), new HttpHead.Field("X-Empty", ""));
    assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1))
        .as("the body stays in the stream")
        .isEqualTo("body bytes");
  }

  @Test
  void namesCompareWithoutCaseAndValuesLoseTheirSurroundingSpaces() throws IOException {
    HttpHead head = read("GET / HTTP/1.1\r\ncontent-LENGTH: \t 12 \t\r\nX-A: a b \r\n\r\n");
    assertThat(head.has("Content-Length")).isTrue();
    assertThat(head.single("x-a")).contains("a b");
    assertThat(head.contentLength()).isEqualTo(OptionalLong.of(12));
    assertThat(head.single("missing")).isEmpty();
    assertThat(read("GET / HTTP/1.1\r\n\r\n").contentLength()).isEmpty();
  }

  @Test
  void aBareLfEndsALineAndEmptyLinesBeforeTheStartLineAreSkipped() throws IOException {
    HttpHead head = read("\r\n\nGET / HTTP/1.0\nHost: a\r\nX: 1\n\n");
    assertThat(head.startLine()).isEqualTo("GET / HTTP/1.0");
    assertThat(head.values("host")).containsExactly("a");
    assertThat(head.values("x")).containsExactly("1");
  }

  @Test
  void anEmptyStreamIsNoHeadButAStreamEndingInsideOneIsTruncated() throws IOException {
    assertThat(HttpHead.read(stream(""), 100)).isEmpty();
    assertRefused("GET / HTTP/1.1\r\nHost: a\r\n", Problem.TRUNCATED, "ended inside the head");
    assertRefused("GET / HTT", Problem.TRUNCATED, "ended inside the head");
    assertRefused("\r\n", Problem.TRUNCATED, "ended inside the head");
  }

  @Test
  void aHeadOverItsLimitIsTooLargeEvenWithoutALineEnd() throws IOException {
    String head = "GET / HTTP/1.1\r\nX: " + "a".repeat(100) + "\r\n\r\n";
    assertThat(HttpHead.read(stream(head), head.length())).isPresent();
    assertThatThrownBy(() -> HttpHead.read(stream(head), head.length() - 1))
        .isInstanceOfSatisfying(
            HttpFormatException.class, e -> assertThat(e.problem()).isEqualTo(Problem.TOO_LARGE))
        .hasMessage("the head is larger than " + (head.length() - 1) + " bytes");
    // A peer that never sends a line end is stopped at the limit, not buffered forever.
    InputStream endless = InputStream.nullInputStream();
    InputStream noLineEnd =
        new InputStream() {
          @Override
          public int read() {
            return 'a';
          }
        };
    assertThatThrownBy(() -> HttpHead.read(noLineEnd, 1000))
        .hasMessageContaining("larger than 1000 bytes");
    assertThat(HttpHead.read(endless, 10)).isEmpty();
    // Empty lines before the start line count too.
    assertThatThrownBy(() -> HttpHead.read(stream("\r\n".repeat(600)), 1000))
        .hasMessageContaining("larger than 1000 bytes");
  }

  @Test
  void obsoleteLineFoldingIsRefused() {
    assertRefused("GET / HTTP/1.1\r\nX: a\r\n  b\r\n\r\n", Problem.MALFORMED, "line folding");
    assertRefused("GET / HTTP/1.1\r\nX: a\r\n\tb: c\r\n\r\n", Problem.MALFORMED, "line folding");
  }

  @Test
  void malformedFieldLinesAreRefusedWithTheLine() {
    for (String line :
        List.of("no colon here", ": no name", "X : space before the colon", "X(y): not a token")) {
      assertRefused(
          "GET / HTTP/1.1\r\n" + line + "\r\n\r\n",
          Problem.MALFORMED,
          "malformed header line: " + line);
    }
  }

  @Test
  void aBareCrOrANulIsRefused() {
    assertRefused("GET / HTTP/1.1\r\nX: a\rb\r\n\r\n", Problem.MALFORMED, "bare CR or a NUL");
    assertRefused("GET / HTTP/1.1\r\nX: a\0b\r\n\r\n", Problem.MALFORMED, "bare CR or a NUL");
    assertRefused("GET /\r HTTP/1.1\r\n\r\n", Problem.MALFORMED, "bare CR or a NUL");
  }

  @Test
  void repeatedOrInvalidContentLengthsAreRefused() throws IOException {
    HttpHead twice = read("GET / HTTP/1.1\r\nContent-Length: 1\r\ncontent-length: 1\r\n\r\n");
    assertThatThrownBy(twice::contentLength)
        .isInstanceOf(HttpFormatException.class)
        .hasMessage("repeated Content-Length header");
    for (String value : List.of("-1", "+1", "1,1", "0x10", "1 2", "1234567890123456789", "")) {
      HttpHead head = read("GET / HTTP/1.1\r\nContent-Length: " + value + "\r\n\r\n");
      assertThatThrownBy(head::contentLength)
          .as(value)
          .isInstanceOf(HttpFormatException.class)
          .hasMessageStartingWith("invalid Content-Length");
    }
  }

  @Test
  void connectionOptionsAndTokensAreListedLowerCase() throws IOException {
    HttpHead head =
        read(
            "GET / HTTP/1.1\r\nConnection: close, X-Secret\r\nconnection: ,Keep-Alive ,\r\n"
                + "Transfer-Encoding: gzip\r\nTransfer-Encoding: Chunked\r\n\r\n");
    assertThat(head.connectionOptions()).containsExactly("close", "x-secret", "keep-alive");
    assertThat(head.tokens("transfer-encoding")).containsExactly("gzip", "chunked");
  }

  @Test
  void requestLinesAreCheckedStrictly() throws IOException {
    assertThat(read("CONNECT a.test:443 HTTP/1.1\r\n\r\n").requestLine())
        .isEqualTo(new RequestLine("CONNECT", "a.test:443", "HTTP/1.1"));
    for (String line :
        List.of(
            "HELLO",
            "GET /",
            "GET  / HTTP/1.1",
            "GET / HTTP/1.1 ",
            "get / HTTP/1.1",
            "GET / HTTP/2.0",
            "GET / HTTP/1.1x",
            "GET /\ta HTTP/1.1",
            "A".repeat(21) + " / HTTP/1.1")) {
      assertThatThrownBy(() -> read(line + "\r\n\r\n").requestLine())
          .as(line)
          .isInstanceOfSatisfying(
              HttpFormatException.class, e -> assertThat(e.problem()).isEqualTo(Problem.MALFORMED))
          .hasMessage("not an HTTP/1.x request line: " + line);
    }
  }

  @Test
  void statusLinesAreCheckedStrictly() throws IOException {
    assertThat(read("HTTP/1.1 404 Not Found Here\r\n\r\n").statusLine())
        .isEqualTo(new StatusLine("HTTP/1.1", 404, "Not Found Here"));
    assertThat(read("HTTP/1.0 200\r\n\r\n").statusLine())
        .isEqualTo(new StatusLine("HTTP/1.0", 200, ""));
    for (String line :
        List.of("HTTP/1.1", "HTTP/1.1 20", "HTTP/1.1 600 Nope", "HTTP/2 200 OK", "ICY 200 OK")) {
      assertThatThrownBy(() -> read(line + "\r\n\r\n").statusLine())
          .as(line)
          .isInstanceOf(HttpFormatException.class)
          .hasMessage("not an HTTP/1.x status line: " + line);
    }
  }

  @Test
  void informationalAnswersAreSkippedUpToTheFinalOne() throws IOException {
    InputStream in =
        stream(
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi");
    HttpHead head = HttpHead.readFinalResponse(in, 1024).orElseThrow();
    assertThat(head.statusLine().status()).isEqualTo(200);
    assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("hi");
    assertThat(HttpHead.readFinalResponse(stream("HTTP/1.1 100 Continue\r\n\r\n"), 1024))
        .as("the stream ended after an informational answer")
        .isEmpty();
    assertThatThrownBy(() -> HttpHead.readFinalResponse(stream("HELLO\r\n\r\n"), 1024))
        .hasMessage("not an HTTP/1.x status line: HELLO");
  }

  @Test
  void writtenHeadsReadBackUnchanged() throws IOException {
    HttpHead written =
        HttpHead.request("GET", "/path?q=1")
            .with("Host", "a.test:8080")
            .with("X-Latin", "caf\u00e9")
            .with("X-Empty", "");
    assertThat(new String(written.encode(), StandardCharsets.ISO_8859_1))
        .isEqualTo(
            "GET /path?q=1 HTTP/1.1\r\nHost: a.test:8080\r\nX-Latin: caf\u00e9\r\nX-Empty: \r\n\r\n");
    assertThat(HttpHead.read(new ByteArrayInputStream(written.encode()), 1024)).contains(written);
    assertThat(new String(HttpHead.response(431).encode(), StandardCharsets.ISO_8859_1))
        .isEqualTo("HTTP/1.1 431 Request Header Fields Too Large\r\n\r\n");
    assertThat(new String(HttpHead.response(299).encode(), StandardCharsets.ISO_8859_1))
        .isEqualTo("HTTP/1.1 299 Error\r\n\r\n");
    assertThat(
            new String(
                HttpHead.response(200, "Connection Established").encode(),
                StandardCharsets.ISO_8859_1))
        .isEqualTo("HTTP/1.1 200 Connection Established\r\n\r\n");
  }

  @Test
  void nothingCanBeWrittenThatWouldReadBackDifferently() {
    HttpHead head = HttpHead.response(200);
    assertThatThrownBy(() -> head.with("X", "a\r\nSet-Cookie: b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> head.with("X", "a\0")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> head.with("X", "\u20ac")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> head.with("X Y", "a")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> head.with("", "a")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpHead.request("GET", "/a b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpHead.request("GET", "/\r\nX: y"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpHead.request("get", "/"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpHead.response(200, "OK\r\nX: y"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HttpHead("GET / HTTP/1.1\n", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(head.with("X", "a\tb").values("x")).as("a tab is fine").containsExactly("a\tb");
  }
}
