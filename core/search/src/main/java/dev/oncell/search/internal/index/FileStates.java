package dev.oncell.search.internal.index;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.Bits;

/**
 * What the index holds of each file, in memory: loaded once from doc values (no stored field is
 * read, so it stays cheap on a large index) and kept in step by the index runs, which alone write
 * files. An incremental run compares the walk against it without touching Lucene.
 */
final class FileStates {

  /**
   * One indexed file.
   *
   * @param modified nanoseconds, or {@link #UNTRUSTED} when the file was written so shortly before
   *     it was indexed that a later write might keep the same time: its hash is then checked again
   *     on the next run
   */
  record State(long modified, long size, String hash) {}

  static final long UNTRUSTED = -1;

  private final Map<String, State> states = new ConcurrentHashMap<>();

  static FileStates load(IndexSearcher searcher) throws IOException {
    FileStates f = new FileStates();
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Bits live = leaf.reader().getLiveDocs();
      NumericDocValues mtime = DocValues.getNumeric(leaf.reader(), Docs.MTIME);
      NumericDocValues size = DocValues.getNumeric(leaf.reader(), Docs.SIZE);
      BinaryDocValues hash = DocValues.getBinary(leaf.reader(), Docs.HASH);
      SortedDocValues path = DocValues.getSorted(leaf.reader(), Docs.PATH);
      for (int doc = mtime.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = mtime.nextDoc()) {
        if (live != null && !live.get(doc)) {
          continue;
        }
        if (!size.advanceExact(doc) || !hash.advanceExact(doc) || !path.advanceExact(doc)) {
          continue;
        }
        f.states.put(
            path.lookupOrd(path.ordValue()).utf8ToString(),
            new State(mtime.longValue(), size.longValue(), hash.binaryValue().utf8ToString()));
      }
    }
    return f;
  }

  State get(String path) {
    return states.get(path);
  }

  void put(String path, State state) {
    states.put(path, state);
  }

  void remove(String path) {
    states.remove(path);
  }

  int size() {
    return states.size();
  }

  List<String> paths() {
    return List.copyOf(states.keySet());
  }
}
