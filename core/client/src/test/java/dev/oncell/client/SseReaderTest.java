package dev.oncell.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SseReaderTest {

  private static List<SseReader.Message> read(String stream) throws IOException {
    SseReader reader =
        new SseReader(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)));
    List<SseReader.Message> out = new ArrayList<>();
    for (Optional<SseReader.Message> m = reader.next(); m.isPresent(); m = reader.next()) {
      out.add(m.get());
    }
    return out;
  }

  private static SseReader.Message message(String id, String type, String data) {
    return new SseReader.Message(id, type, data);
  }

  @Test
  void multiLineData_isJoinedWithNewlines() throws IOException {
    assertThat(read("id: 1\nevent: note\ndata: first\ndata: second\ndata:\n\n"))
        .containsExactly(message("1", "note", "first\nsecond\n"));
  }

  @Test
  void comments_areIgnored_evenBetweenFields() throws IOException {
    assertThat(read(": keep-alive\n\n:another\nid: 2\n: in the middle\ndata: x\n\n"))
        .as("a comment-only block dispatches nothing")
        .containsExactly(message("2", "message", "x"));
  }

  @Test
  void onlyOneLeadingSpaceIsRemoved_andAFieldWithoutColonHasAnEmptyValue() throws IOException {
    assertThat(read("data:  two spaces\n\ndata\n\ndata:no space: colon kept\n\n"))
        .containsExactly(
            message("", "message", " two spaces"),
            message("", "message", ""),
            message("", "message", "no space: colon kept"));
  }

  @Test
  void idIsKeptForLaterEvents_andTypeIsNot() throws IOException {
    assertThat(read("id: 7\nevent: a\ndata: 1\n\nevent: b\ndata: 2\n\ndata: 3\n\n"))
        .containsExactly(
            message("7", "a", "1"), message("7", "b", "2"), message("7", "message", "3"));
  }

  @Test
  void anEventWithoutData_isNotDispatched_butItsIdCounts() throws IOException {
    assertThat(read("id: 4\nevent: empty\n\ndata: after\n\n"))
        .containsExactly(message("4", "message", "after"));
  }

  @Test
  void crlfAndLoneCr_endLinesToo() throws IOException {
    assertThat(read("id: 1\r\nevent: a\r\ndata: x\r\n\r\nid: 2\revent: b\rdata: y\r\r"))
        .containsExactly(message("1", "a", "x"), message("2", "b", "y"));
  }

  @Test
  void retryAndUnknownFields_areIgnored_andABomIsSkipped() throws IOException {
    assertThat(read("\uFEFFretry: 1000\nfoo: bar\ndata: x\n\n"))
        .containsExactly(message("", "message", "x"));
  }

  @Test
  void anEventCutOffByTheEndOfTheStream_isDropped() throws IOException {
    assertThat(read("data: complete\n\ndata: cut off\n"))
        .containsExactly(message("", "message", "complete"));
    assertThat(read("")).isEmpty();
  }

  @Test
  void utf8_isDecodedPerLine() throws IOException {
    assertThat(read("data: {\"line\": \"héllo 中 🙂\"}\n\n"))
        .containsExactly(message("", "message", "{\"line\": \"héllo 中 🙂\"}"));
  }

  @Test
  void randomEvents_roundTripThroughEncoding() throws IOException {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    Random random = new Random(seed);
    String[] endings = {"\n", "\r\n", "\r"};
    String alphabet = "ab :{}\"é中-_";
    for (int round = 0; round < 200; round++) {
      List<SseReader.Message> expected = new ArrayList<>();
      StringBuilder stream = new StringBuilder();
      int events = random.nextInt(5);
      for (int i = 1; i <= events; i++) {
        String ending = endings[random.nextInt(endings.length)];
        String type = "t" + random.nextInt(3);
        List<String> lines = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int j = 0; j < count; j++) {
          StringBuilder line = new StringBuilder();
          int length = random.nextInt(8);
          for (int k = 0; k < length; k++) {
            line.append(alphabet.charAt(random.nextInt(alphabet.length())));
          }
          lines.add(line.toString());
        }
        if (random.nextBoolean()) {
          stream.append(": comment").append(ending);
        }
        stream.append("id: ").append(i).append(ending);
        stream.append("event: ").append(type).append(ending);
        for (String line : lines) {
          // One space after the colon is dropped, so a value starting with a space needs it.
          stream.append("data: ").append(line).append(ending);
        }
        stream.append(ending);
        expected.add(message(Integer.toString(i), type, String.join("\n", lines)));
      }
      assertThat(read(stream.toString()))
          .as("seed %d (rerun with -Dtests.seed=%d), stream %s", seed, seed, stream)
          .isEqualTo(expected);
    }
  }
}
