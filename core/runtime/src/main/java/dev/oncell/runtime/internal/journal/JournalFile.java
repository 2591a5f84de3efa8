package dev.oncell.runtime.internal.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * A run's journal: an append-only file of framed records, each {@code length (4 bytes) | crc32c (4
 * bytes) | JSON}. {@link #append} returns only once the record is on disk ({@code fdatasync}). A
 * torn last record (a crash mid-write) fails its length or checksum and is treated as never
 * written: {@link #open} cuts it off.
 *
 * <p>Each record carries its format version {@code v}: 1 (request hash over Jackson's output, see
 * {@link JournalEntry#HASH_LEGACY}) or 2 (request hash over {@link CanonicalJson}); the fields are
 * the same. A record of a version this code does not know stops {@link #open} with a {@link
 * JournalException} (it was written by a newer oncell) instead of being cut off as torn. Recordings
 * of both versions live in the tests' resources and are replayed on every build, so a change cannot
 * silently break the recovery of older journals.
 */
public final class JournalFile implements AutoCloseable {

  static final int HEADER = 8;
  static final int MAX_RECORD = 64 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path path;
  private final FileChannel channel;
  private final List<JournalEntry> entries;
  private boolean broken; // a torn record could not be cut off: no append may follow it

  private JournalFile(Path path, FileChannel channel, List<JournalEntry> entries) {
    this.path = path;
    this.channel = channel;
    this.entries = entries;
  }

  /** Opens (creating if needed) a journal for appending, after reading what it holds. */
  public static JournalFile open(Path path) {
    try {
      Files.createDirectories(path.getParent());
      FileChannel channel =
          FileChannel.open(
              path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      Read read = read(channel);
      if (read.validBytes() < channel.size()) {
        channel.truncate(read.validBytes()); // drop a torn tail so appends continue cleanly
        channel.force(true);
      }
      channel.position(read.validBytes());
      return new JournalFile(path, channel, new ArrayList<>(read.entries()));
    } catch (IOException e) {
      throw new JournalException("cannot open the journal " + path, e);
    }
  }

  /** The records of a journal file, without opening it for writing; a torn tail is ignored. */
  public static List<JournalEntry> readAll(Path path) {
    if (!Files.exists(path)) {
      return List.of();
    }
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      return read(channel).entries();
    } catch (IOException e) {
      throw new JournalException("cannot read the journal " + path, e);
    }
  }

  private record Read(List<JournalEntry> entries, long validBytes) {}

  private static Read read(FileChannel channel) throws IOException {
    List<JournalEntry> entries = new ArrayList<>();
    long size = channel.size();
    long offset = 0;
    ByteBuffer header = ByteBuffer.allocate(HEADER);
    while (offset + HEADER <= size) {
      header.clear();
      channel.read(header, offset);
      header.flip();
      int length = header.getInt();
      int crc = header.getInt();
      if (length <= 0 || length > MAX_RECORD || offset + HEADER + length > size) {
        break;
      }
      ByteBuffer payload = ByteBuffer.allocate(length);
      channel.read(payload, offset + HEADER);
      byte[] bytes = payload.array();
      if (crc32c(bytes) != crc) {
        break;
      }
      JsonNode node;
      try {
        node = JSON.readTree(bytes);
      } catch (IOException | RuntimeException e) {
        break;
      }
      int version = node.path("v").asInt(JournalEntry.HASH_LEGACY);
      if (version != JournalEntry.HASH_LEGACY && version != JournalEntry.HASH_CANONICAL) {
        throw new JournalException(
            "record "
                + entries.size()
                + " of the journal has format version "
                + version
                + ", which this version of oncell cannot replay; it was written by a newer one",
            null);
      }
      try {
        entries.add(decode(node));
      } catch (RuntimeException e) {
        break;
      }
      offset += HEADER + length;
    }
    return new Read(entries, offset);
  }

  /** Appends one record and forces it to disk before returning. */
  public synchronized void append(JournalEntry entry) {
    byte[] payload;
    try {
      payload = JSON.writeValueAsBytes(encode(entry));
    } catch (IOException e) {
      throw new JournalException("cannot encode a journal record", e);
    }
    ByteBuffer frame = ByteBuffer.allocate(HEADER + payload.length);
    frame.putInt(payload.length).putInt(crc32c(payload)).put(payload).flip();
    if (broken) {
      throw new JournalException("the journal " + path + " ends in a torn record", null);
    }
    long end;
    try {
      end = channel.position();
    } catch (IOException e) {
      throw new JournalException("cannot write the journal " + path, e);
    }
    try {
      while (frame.hasRemaining()) {
        channel.write(frame);
      }
      channel.force(false);
    } catch (IOException e) {
      // A torn record (a full disk) would hide every record appended after it: cut it off now.
      try {
        channel.truncate(end);
        channel.position(end);
      } catch (IOException ignored) {
        broken = true; // open() cuts it off at the next start
      }
      throw new JournalException("cannot write the journal " + path, e);
    }
    entries.add(entry);
  }

  public synchronized List<JournalEntry> entries() {
    return List.copyOf(entries);
  }

  public Path path() {
    return path;
  }

  static int crc32c(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return (int) crc.getValue();
  }

  static ObjectNode encode(JournalEntry e) {
    ObjectNode node = JSON.createObjectNode();
    node.put("v", e.hashVersion());
    node.put("seq", e.seq());
    if (e.endSeq() != e.seq()) {
      node.put("end", e.endSeq());
    }
    node.put("kind", e.kind());
    node.put("name", e.name());
    node.put("hash", e.requestHash());
    node.put("status", e.status().name());
    e.result().ifPresent(r -> node.set("result", r));
    e.errorCode().ifPresent(c -> node.put("errorCode", c));
    e.errorMessage().ifPresent(m -> node.put("errorMessage", m));
    node.put("at", e.at().toString());
    return node;
  }

  static JournalEntry decode(JsonNode node) {
    long seq = node.get("seq").asLong();
    return new JournalEntry(
        seq,
        node.has("end") ? node.get("end").asLong() : seq,
        node.get("kind").asText(),
        node.get("name").asText(),
        node.get("hash").asText(),
        node.path("v").asInt(JournalEntry.HASH_LEGACY),
        JournalEntry.Status.valueOf(node.get("status").asText()),
        Optional.ofNullable(node.get("result")),
        Optional.ofNullable(node.get("errorCode")).map(JsonNode::asText),
        Optional.ofNullable(node.get("errorMessage")).map(JsonNode::asText),
        Instant.parse(node.get("at").asText()));
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing left to flush: every append was forced
    }
  }

  /** Writes raw bytes at the end, for tests that simulate a torn write. */
  static void appendRaw(Path path, byte[] bytes) throws IOException {
    Files.write(path, bytes, StandardOpenOption.APPEND);
  }

  static byte[] frame(String json) {
    byte[] payload = json.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(HEADER + payload.length)
        .putInt(payload.length)
        .putInt(crc32c(payload))
        .put(payload)
        .array();
  }
}
