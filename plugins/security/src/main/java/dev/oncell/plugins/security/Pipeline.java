package dev.oncell.plugins.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs the engines over the blobs they have not scanned yet: each engine sees the working tree's
 * blobs, and the history's too when it {@link Scanner#scansHistory() asks}; a blob an engine
 * scanned at its current {@link Scanner#version() version} is never read again. Blobs are read in
 * batches of bounded size; a blob over the size limit, or binary, is recorded as scanned and
 * reported as skipped, never read.
 */
final class Pipeline {

  /**
   * What one run did.
   *
   * @param scanned blobs read and scanned now
   * @param alreadyScanned blobs every engine had scanned before
   * @param skipped what was left out, and why, one line each
   */
  record Outcome(int scanned, int alreadyScanned, List<String> skipped) {}

  private final List<Scanner> engines;
  private final Ledger ledger;
  private final CellObjects objects;
  private final long maxBlobBytes;
  private final long batchBytes;
  private int binaries;

  Pipeline(
      List<Scanner> engines,
      Ledger ledger,
      CellObjects objects,
      long maxBlobBytes,
      long batchBytes) {
    this.engines = List.copyOf(engines);
    this.ledger = ledger;
    this.objects = objects;
    this.maxBlobBytes = maxBlobBytes;
    this.batchBytes = batchBytes;
  }

  Outcome run(CellObjects.Inventory inventory) {
    // Which engines still need each blob.
    Map<String, CellObjects.Blob> blobs = new LinkedHashMap<>();
    Map<String, List<Scanner>> wanted = new TreeMap<>();
    int all;
    for (Scanner engine : engines) {
      Set<String> done = ledger.scanned(engine.category(), engine.version());
      List<CellObjects.Blob> candidates = new ArrayList<>(inventory.tree().values());
      if (engine.scansHistory()) {
        candidates.addAll(inventory.history().values());
      }
      for (CellObjects.Blob b : candidates) {
        if (!done.contains(b.objectId())) {
          blobs.putIfAbsent(b.objectId(), b);
          wanted.computeIfAbsent(b.objectId(), k -> new ArrayList<>()).add(engine);
        }
      }
    }
    all = inventory.tree().size() + inventory.history().size();
    List<String> skipped = new ArrayList<>();
    List<CellObjects.Blob> batch = new ArrayList<>();
    long size = 0;
    for (CellObjects.Blob b : blobs.values()) {
      if (b.size() > maxBlobBytes) {
        skipped.add(b.path() + ": skipped: too large (" + b.size() + " bytes)");
        markScanned(List.of(b), wanted);
        continue;
      }
      if (!batch.isEmpty() && size + b.size() > batchBytes) {
        scanBatch(batch, wanted, skipped);
        batch.clear();
        size = 0;
      }
      batch.add(b);
      size += b.size();
    }
    scanBatch(batch, wanted, skipped);
    if (binaries > 0) {
      skipped.add(binaries + " binary file versions: skipped: binary");
    }
    return new Outcome(blobs.size(), all - blobs.size(), skipped);
  }

  private void scanBatch(
      List<CellObjects.Blob> batch, Map<String, List<Scanner>> wanted, List<String> skipped) {
    if (batch.isEmpty()) {
      return;
    }
    Map<String, byte[]> contents = objects.read(batch);
    for (Scanner engine : engines) {
      List<CellObjects.Blob> mine =
          batch.stream().filter(b -> wanted.get(b.objectId()).contains(engine)).toList();
      List<Ledger.Stored> found = new ArrayList<>();
      // One file per path in a call: history holds many versions of one path.
      for (List<CellObjects.Blob> round : distinctPaths(mine)) {
        Map<String, String> oidOf = new TreeMap<>();
        List<SourceFile> files = new ArrayList<>();
        for (CellObjects.Blob b : round) {
          byte[] bytes = contents.get(b.objectId());
          if (bytes == null) {
            skipped.add(b.path() + ": skipped: object " + b.objectId() + " is missing");
            continue;
          }
          if (binary(bytes)) {
            binaries++; // binaries hold no text secrets or code: counted, not listed
            continue;
          }
          oidOf.put(b.path(), b.objectId());
          files.add(new SourceFile(b.path(), b.objectId(), bytes));
        }
        for (Finding f : engine.scan(files)) {
          found.add(new Ledger.Stored(f, oidOf.getOrDefault(f.file(), "")));
        }
      }
      skipped.addAll(engine.takeSkipped());
      ledger.store(engine.version(), found);
      ledger.markScanned(
          engine.category(),
          engine.version(),
          mine.stream().map(CellObjects.Blob::objectId).toList());
    }
  }

  private void markScanned(List<CellObjects.Blob> blobs, Map<String, List<Scanner>> wanted) {
    for (Scanner engine : engines) {
      List<String> ids =
          blobs.stream()
              .filter(b -> wanted.get(b.objectId()).contains(engine))
              .map(CellObjects.Blob::objectId)
              .toList();
      ledger.markScanned(engine.category(), engine.version(), ids);
    }
  }

  /** Splits blobs into rounds in which no path appears twice. */
  static List<List<CellObjects.Blob>> distinctPaths(List<CellObjects.Blob> blobs) {
    List<List<CellObjects.Blob>> rounds = new ArrayList<>();
    List<Set<String>> paths = new ArrayList<>();
    for (CellObjects.Blob b : blobs) {
      int i = 0;
      while (i < rounds.size() && paths.get(i).contains(b.path())) {
        i++;
      }
      if (i == rounds.size()) {
        rounds.add(new ArrayList<>());
        paths.add(new java.util.HashSet<>());
      }
      rounds.get(i).add(b);
      paths.get(i).add(b.path());
    }
    return rounds;
  }

  /** A NUL in the first 8000 bytes: what git itself takes for binary. */
  static boolean binary(byte[] bytes) {
    for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
  }
}
