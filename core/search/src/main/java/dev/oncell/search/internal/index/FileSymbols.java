package dev.oncell.search.internal.index;

import dev.oncell.search.FileSymbol;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TermQuery;

/**
 * The symbols of one file, from its chunk documents' stored {@code symbol}, {@code kind}, {@code
 * start} and {@code end}: a term lookup on the path, no file read.
 */
final class FileSymbols {

  /** Chunks of one file read at most; a file of the largest indexed size has far fewer. */
  static final int MAX_CHUNKS = 10_000;

  private static final Set<String> FIELDS = Set.of(Docs.SYMBOL, Docs.KIND, Docs.START, Docs.END);

  private FileSymbols() {}

  static List<FileSymbol> read(IndexSearcher searcher, String path) throws IOException {
    BooleanQuery query =
        new BooleanQuery.Builder()
            .add(new TermQuery(new Term(Docs.TYPE, Docs.CHUNK)), BooleanClause.Occur.FILTER)
            .add(new TermQuery(new Term(Docs.PATH, path)), BooleanClause.Occur.FILTER)
            .build();
    StoredFields fields = searcher.storedFields();
    List<FileSymbol> chunks = new ArrayList<>();
    for (ScoreDoc hit : searcher.search(query, MAX_CHUNKS, Sort.INDEXORDER).scoreDocs) {
      Document d = fields.document(hit.doc, FIELDS);
      String symbol = d.get(Docs.SYMBOL);
      if (symbol != null) {
        chunks.add(
            new FileSymbol(
                symbol,
                d.get(Docs.KIND),
                d.getField(Docs.START).numericValue().intValue(),
                d.getField(Docs.END).numericValue().intValue()));
      }
    }
    chunks.sort(
        Comparator.comparingInt(FileSymbol::startLine)
            .thenComparingInt(FileSymbol::endLine)
            .thenComparing(FileSymbol::name));
    return joinParts(chunks);
  }

  /**
   * One symbol per definition: a definition split into several chunks (its parts follow each other
   * and keep its symbol) becomes one symbol over all of its lines.
   */
  private static List<FileSymbol> joinParts(List<FileSymbol> chunks) {
    List<FileSymbol> out = new ArrayList<>();
    for (FileSymbol c : chunks) {
      FileSymbol last = out.isEmpty() ? null : out.getLast();
      if (last != null && last.name().equals(c.name()) && last.kind().equals(c.kind())) {
        out.set(
            out.size() - 1,
            new FileSymbol(
                last.name(), last.kind(), last.startLine(), Math.max(last.endLine(), c.endLine())));
      } else {
        out.add(c);
      }
    }
    return List.copyOf(out);
  }
}
