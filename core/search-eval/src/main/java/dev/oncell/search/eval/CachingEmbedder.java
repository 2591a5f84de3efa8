package dev.oncell.search.eval;

import dev.oncell.search.Embedder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers the vectors of texts already embedded, in a file per model, so that running the
 * evaluation again (or against another index) does not embed the same chunks again. Counts the
 * texts it had to embed and the time that took, for the throughput in the report. Thread-safe.
 */
final class CachingEmbedder implements Embedder {

  private final Embedder delegate;
  private final Path file;
  private final Map<String, float[]> cache = new ConcurrentHashMap<>();
  private final Map<String, float[]> added = new ConcurrentHashMap<>();
  private final AtomicLong embedded = new AtomicLong();
  private final AtomicLong nanos = new AtomicLong();

  /**
   * Caches {@code delegate}'s vectors in {@code file} (read now if it exists, appended on close).
   */
  CachingEmbedder(Embedder delegate, Path file) {
    this.delegate = delegate;
    this.file = file;
    read();
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public int dimension() {
    return delegate.dimension();
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    List<String> keys = texts.stream().map(CachingEmbedder::key).toList();
    Map<String, String> missing = new LinkedHashMap<>();
    for (int i = 0; i < texts.size(); i++) {
      if (!cache.containsKey(keys.get(i))) {
        missing.putIfAbsent(keys.get(i), texts.get(i));
      }
    }
    if (!missing.isEmpty()) {
      long start = System.nanoTime();
      List<float[]> vectors = delegate.embed(new ArrayList<>(missing.values()));
      nanos.addAndGet(System.nanoTime() - start);
      embedded.addAndGet(missing.size());
      int i = 0;
      for (String key : missing.keySet()) {
        cache.put(key, vectors.get(i));
        added.put(key, vectors.get(i));
        i++;
      }
    }
    return keys.stream().map(cache::get).toList();
  }

  /** Texts embedded by the model (not found in the cache) so far. */
  long embedded() {
    return embedded.get();
  }

  /** Seconds the model spent on them. */
  double seconds() {
    return nanos.get() / 1e9;
  }

  /** Appends the new vectors to the cache file and closes the model. */
  @Override
  public void close() {
    try {
      if (!added.isEmpty()) {
        Files.createDirectories(file.getParent());
        try (DataOutputStream out =
            new DataOutputStream(
                new BufferedOutputStream(
                    Files.newOutputStream(
                        file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)))) {
          for (Map.Entry<String, float[]> entry : added.entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeInt(entry.getValue().length);
            for (float v : entry.getValue()) {
              out.writeFloat(v);
            }
          }
        }
        added.clear();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      delegate.close();
    }
  }

  private void read() {
    if (!Files.exists(file)) {
      return;
    }
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      while (true) {
        String key;
        try {
          key = in.readUTF();
        } catch (EOFException end) {
          return;
        }
        float[] vector = new float[in.readInt()];
        for (int d = 0; d < vector.length; d++) {
          vector[d] = in.readFloat();
        }
        if (vector.length == delegate.dimension()) {
          cache.put(key, vector);
        }
      }
    } catch (EOFException truncated) {
      // A run killed while writing: keep what was read.
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String key(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
