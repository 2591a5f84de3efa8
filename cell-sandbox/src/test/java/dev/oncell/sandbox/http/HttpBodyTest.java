package dev.oncell.sandbox.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncell.sandbox.http.HttpFormatException.Problem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Body framing and reading: lengths, chunks, the end of the stream, limits. */
class HttpBodyTest {

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static BodyFraming framing(String head, String method) throws IOException {
    return BodyFraming.ofResponse(HttpHead.read(stream(head), 1024).orElseThrow(), method);
  }

  private static String copy(String body, BodyFraming framing, long limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long n = HttpBody.copy(stream(body), out, framing, limit);
    assertThat(n).isEqualTo(out.size());
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  @Test
  void theFramingOfAResponseFollowsRfc9112() throws IOException {
    String length = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n";
    assertThat(framing(length, "GET")).isEqualTo(new BodyFraming.Length(5));
    assertThat(framing(length, "HEAD")).isEqualTo(new BodyFraming.None());
    assertThat(framing("HTTP/1.1 204 No Content\r\n\r\n", "GET")).isEqualTo(new BodyFraming.None());
    assertThat(framing("HTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n", "GET"))
        .isEqualTo(new BodyFraming.None());
    assertThat(framing("HTTP/1.1 101 Switching\r\n\r\n", "GET")).isEqualTo(new BodyFraming.None());
    assertThat(framing("HTTP/1.1 200 Connection Established\r\n\r\n", "CONNECT"))
        .isEqualTo(new BodyFraming.None());
    assertThat(framing("HTTP/1.1 403 Forbidden\r\nContent-Length: 3\r\n\r\n", "CONNECT"))
        .isEqualTo(new BodyFraming.Length(3));
    assertThat(
            framing(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\nContent-Length: 5\r\n\r\n",
                "GET"))
        .as("Transfer-Encoding wins over Content-Length")
        .isEqualTo(new BodyFraming.Chunked());
    assertThat(framing("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", "GET"))
        .isEqualTo(new BodyFraming.UntilClose());
    assertThat(framing("HTTP/1.1 200 OK\r\n\r\n", "GET")).isEqualTo(new BodyFraming.UntilClose());
    assertThatThrownBy(() -> framing("HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n", "GET"))
        .isInstanceOf(HttpFormatException.class)
        .hasMessage("invalid Content-Length: x");
  }

  @Test
  void aLengthIsReadExactlyAndCheckedBeforeAnyByteIsCopied() throws IOException {
    InputStream in = stream("helloREST");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(HttpBody.copy(in, out, new BodyFraming.Length(5), 5)).isEqualTo(5);
    assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("hello");
    assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("REST");

    ByteArrayOutputStream nothing = new ByteArrayOutputStream();
    assertThatThrownBy(() -> HttpBody.copy(stream("hello"), nothing, new BodyFraming.Length(5), 4))
        .isInstanceOfSatisfying(
            BodyTooLargeException.class, e -> assertThat(e.limit()).isEqualTo(4))
        .hasMessage("the body is over the limit of 4 bytes");
    assertThat(nothing.size()).isZero();

    assertThatThrownBy(() -> copy("hel", new BodyFraming.Length(5), 100))
        .isInstanceOfSatisfying(
            HttpFormatException.class, e -> assertThat(e.problem()).isEqualTo(Problem.TRUNCATED))
        .hasMessage("the connection ended 2 bytes before the body did");
    assertThat(copy("ignored", new BodyFraming.None(), 0)).isEmpty();
  }

  @Test
  void untilCloseReadsEverythingWithinTheLimit() throws IOException {
    assertThat(copy("all of it", new BodyFraming.UntilClose(), 9)).isEqualTo("all of it");
    assertThatThrownBy(() -> copy("all of it", new BodyFraming.UntilClose(), 8))
        .isInstanceOf(BodyTooLargeException.class);
  }

  @Test
  void chunksAreDecodedWithExtensionsAndTrailersDropped() throws IOException {
    InputStream in =
        stream("5;name=value\r\nhello\r\n1 \r\n \r\nA\n0123456789\n0\r\nX-Trailer: 1\r\n\r\nNEXT");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(HttpBody.copy(in, out, new BodyFraming.Chunked(), 100)).isEqualTo(16);
    assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("hello 0123456789");
    assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1))
        .as("nothing after the chunked body is consumed")
        .isEqualTo("NEXT");
  }

  @Test
  void chunkedBodiesAreBoundedAndCheckedStrictly() {
    BodyFraming chunked = new BodyFraming.Chunked();
    assertThatThrownBy(() -> copy("5\r\nhello\r\n5\r\nworld\r\n0\r\n\r\n", chunked, 9))
        .isInstanceOf(BodyTooLargeException.class);
    assertThatThrownBy(() -> copy("fffffffffffffff\r\n", chunked, Long.MAX_VALUE - 1))
        .as("a huge chunk is not awaited byte by byte to the end")
        .isInstanceOf(HttpFormatException.class)
        .hasMessageContaining("ended");
    for (String bad : new String[] {"x\r\n", "-1\r\n", "+1\r\n", "\r\n", "1234567890abcdef0\r\n"}) {
      assertThatThrownBy(() -> copy(bad, chunked, 100))
          .as(bad)
          .isInstanceOfSatisfying(
              HttpFormatException.class, e -> assertThat(e.problem()).isEqualTo(Problem.MALFORMED))
          .hasMessageStartingWith("invalid chunk size");
    }
    assertThatThrownBy(() -> copy("3\r\nhello\r\n0\r\n\r\n", chunked, 100))
        .hasMessage("a chunk is longer than its size");
    assertThatThrownBy(() -> copy("5\r\nhello\r\n", chunked, 100))
        .isInstanceOfSatisfying(
            HttpFormatException.class, e -> assertThat(e.problem()).isEqualTo(Problem.TRUNCATED));
    assertThatThrownBy(() -> copy("0\r\nX-Trailer: 1\r\n", chunked, 100))
        .isInstanceOfSatisfying(
            HttpFormatException.class, e -> assertThat(e.problem()).isEqualTo(Problem.TRUNCATED));
    assertThatThrownBy(() -> copy("1;" + "x".repeat(5000) + "\r\na\r\n0\r\n\r\n", chunked, 100))
        .hasMessage("a chunk size line is larger than 4096 bytes");
    assertThatThrownBy(
            () -> copy("0\r\n" + "X: y\r\n".repeat(20_000) + "\r\n", chunked, Long.MAX_VALUE))
        .hasMessage("the trailer section is larger than 65536 bytes");
  }

  @Test
  void randomChunkingsDecodeToTheSameBytes() throws IOException {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    for (int round = 0; round < 200; round++) {
      byte[] body = new byte[random.nextInt(5000)];
      random.nextBytes(body);
      ByteArrayOutputStream wire = new ByteArrayOutputStream();
      for (int at = 0; at < body.length; ) {
        int size = Math.min(body.length - at, 1 + random.nextInt(700));
        String sizeLine =
            (random.nextBoolean()
                    ? Integer.toHexString(size)
                    : Integer.toHexString(size).toUpperCase())
                + (random.nextBoolean() ? ";ext=" + round : "")
                + (random.nextBoolean() ? "\r\n" : "\n");
        wire.writeBytes(sizeLine.getBytes(StandardCharsets.ISO_8859_1));
        wire.write(body, at, size);
        wire.writeBytes(
            (random.nextBoolean() ? "\r\n" : "\n").getBytes(StandardCharsets.ISO_8859_1));
        at += size;
      }
      wire.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      long n =
          HttpBody.copy(
              new ByteArrayInputStream(wire.toByteArray()), out, new BodyFraming.Chunked(), 5000);
      assertThat(out.toByteArray()).as("seed " + seed + ", round " + round).isEqualTo(body);
      assertThat(n).isEqualTo(body.length);
    }
  }
}
