package dev.oncell.search.internal.index;

import dev.oncell.search.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic in-process embedder for tests: a hashed bag of word pieces (identifier parts,
 * lowercased, and their 4-char prefixes), signed into {@code dimension} buckets and normalized.
 * Texts sharing words get close vectors. It can be made slow to test background catch-up.
 */
final class HashingEmbedder implements Embedder {

  private final String name;
  private final int dimension;
  private final long delayMillisPerBatch;
  final AtomicInteger batches = new AtomicInteger();
  final AtomicInteger texts = new AtomicInteger();

  HashingEmbedder(String name, int dimension, long delayMillisPerBatch) {
    this.name = name;
    this.dimension = dimension;
    this.delayMillisPerBatch = delayMillisPerBatch;
  }

  static HashingEmbedder fast() {
    return new HashingEmbedder("test-hash-64", 64, 0);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public List<float[]> embed(List<String> in) {
    batches.incrementAndGet();
    texts.addAndGet(in.size());
    if (delayMillisPerBatch > 0) {
      try {
        Thread.sleep(delayMillisPerBatch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    List<float[]> out = new ArrayList<>(in.size());
    for (String text : in) {
      out.add(vector(text));
    }
    return out;
  }

  private float[] vector(String text) {
    float[] v = new float[dimension];
    for (String word : text.split("[^A-Za-z0-9]+")) {
      for (String piece : word.split("(?<=[a-z0-9])(?=[A-Z])")) {
        String p = piece.toLowerCase(Locale.ROOT);
        if (p.length() < 2) {
          continue;
        }
        add(v, p, 1f);
        if (p.length() > 4) {
          add(v, p.substring(0, 4), 0.5f);
        }
      }
    }
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    if (norm == 0) {
      v[0] = 1;
      return v;
    }
    float n = (float) Math.sqrt(norm);
    for (int i = 0; i < v.length; i++) {
      v[i] /= n;
    }
    return v;
  }

  private void add(float[] v, String piece, float weight) {
    int h = piece.hashCode() * 0x9E3779B9;
    int bucket = Math.floorMod(h, dimension);
    v[bucket] += ((h >>> 31) == 0 ? 1 : -1) * weight;
  }
}
