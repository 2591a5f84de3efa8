package dev.oncell.search.internal.index;

import dev.oncell.search.Chunk;
import dev.oncell.search.internal.grep.LineBlocks;
import dev.oncell.search.internal.grep.Trigrams;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.FloatDocValuesField;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;

/**
 * The index schema. Three kinds of documents share the {@code path} term, so that one {@code
 * updateDocuments(path, ...)} replaces a file atomically:
 *
 * <ul>
 *   <li>a file document per path: {@code fid}, doc values {@code mtime}, {@code size}, {@code hash}
 *       (the state incremental runs compare), {@code fsize} and {@code fcrc} (the length and
 *       CRC-32C of the bytes indexed, which grep checks before it trusts a file to be the text it
 *       indexed);
 *   <li>a block document per block of lines ({@link LineBlocks}) for grep: {@code tri}, the block's
 *       distinct trigrams (docs only, case-sensitive), and doc values {@code bline} (first line),
 *       {@code boff}, {@code blen} (where it is in the file, in bytes), {@code fsize} and {@code
 *       fcrc} (the size and CRC-32C of the whole file the block was cut from, which grep checks
 *       before it trusts the offsets). A block without trigrams is not written: no regex with a
 *       trigram can match in it, and a regex without one reads whole files;
 *   <li>a chunk document per chunk: {@code id} ({@code path#hash#ordinal}), stored {@code content},
 *       {@code symbol}, {@code lang}, {@code kind}, {@code start}, {@code end}; BM25 fields {@code
 *       content}, {@code symbol} (the chunk's symbol and the names it defines) and {@code
 *       pathText}; doc value {@code prior}; and once embedded, {@code emb} (the model) and the
 *       vector {@code vec<dimension>}.
 * </ul>
 *
 * All documents have a {@code path} sorted doc value for cheap grouping and grep.
 */
final class Docs {

  static final String TYPE = "type";
  static final String FILE = "file";
  static final String CHUNK = "chunk";
  static final String PATH = "path";
  static final String FILE_ID = "fid";
  static final String MTIME = "mtime";
  static final String SIZE = "size";
  static final String HASH = "hash";
  static final String TRIGRAMS = "tri";
  static final String BLOCK_LINE = "bline";
  static final String BLOCK_OFFSET = "boff";
  static final String BLOCK_LENGTH = "blen";
  static final String FILE_SIZE = "fsize";
  static final String FILE_CRC = "fcrc";
  static final String ID = "id";
  static final String CONTENT = "content";
  static final String SYMBOL = "symbol";
  static final String PATH_TEXT = "pathText";
  static final String LANG = "lang";
  static final String KIND = "kind";
  static final String START = "start";
  static final String END = "end";
  static final String PRIOR = "prior";
  static final String MODEL = "emb";

  private static final FieldType TRIGRAM_TYPE = new FieldType();

  static {
    TRIGRAM_TYPE.setIndexOptions(IndexOptions.DOCS);
    TRIGRAM_TYPE.setOmitNorms(true);
    TRIGRAM_TYPE.setTokenized(true);
    TRIGRAM_TYPE.freeze();
  }

  /** Keywords that introduce a named definition in common languages. */
  private static final Set<String> DEFINES =
      Set.of(
          "class",
          "interface",
          "enum",
          "record",
          "struct",
          "trait",
          "type",
          "def",
          "func",
          "fn",
          "function",
          "object",
          "module");

  static final int MAX_DEFINITIONS = 16;

  private Docs() {}

  static String vectorField(int dimension) {
    return "vec" + dimension;
  }

  static Document file(String path, long mtime, long size, String hash, long length, int crc) {
    Document d = new Document();
    d.add(new StringField(TYPE, FILE, Field.Store.NO));
    d.add(new StringField(PATH, path, Field.Store.YES));
    d.add(new SortedDocValuesField(PATH, new BytesRef(path)));
    d.add(new StringField(FILE_ID, path, Field.Store.NO));
    d.add(new NumericDocValuesField(MTIME, mtime));
    d.add(new NumericDocValuesField(SIZE, size));
    d.add(new BinaryDocValuesField(HASH, new BytesRef(hash)));
    d.add(new NumericDocValuesField(FILE_SIZE, length));
    d.add(new NumericDocValuesField(FILE_CRC, crc));
    return d;
  }

  /** The block documents of a file of {@code size} bytes and CRC-32C {@code crc}. */
  static void blocks(
      String path, List<LineBlocks.Block> blocks, long size, int crc, List<Document> out) {
    for (LineBlocks.Block b : blocks) {
      if (b.trigrams().length == 0) {
        continue;
      }
      Document d = new Document();
      d.add(new StringField(PATH, path, Field.Store.NO));
      d.add(new SortedDocValuesField(PATH, new BytesRef(path)));
      d.add(new Field(TRIGRAMS, Trigrams.stream(b.trigrams()), TRIGRAM_TYPE));
      d.add(new NumericDocValuesField(BLOCK_LINE, b.line()));
      d.add(new NumericDocValuesField(BLOCK_OFFSET, b.offset()));
      d.add(new NumericDocValuesField(BLOCK_LENGTH, b.length()));
      d.add(new NumericDocValuesField(FILE_SIZE, size));
      d.add(new NumericDocValuesField(FILE_CRC, crc));
      out.add(d);
    }
  }

  /** A chunk as stored, enough to rebuild its document with a vector. */
  record StoredChunk(
      String id,
      String path,
      String content,
      Optional<String> symbol,
      String lang,
      String kind,
      int start,
      int end) {

    static StoredChunk of(Chunk c, String path, String hash, int ordinal) {
      return new StoredChunk(
          path + "#" + hash + "#" + ordinal,
          path,
          c.content(),
          c.symbol(),
          c.language(),
          c.kind(),
          c.startLine(),
          c.endLine());
    }

    static StoredChunk read(StoredFields fields, int doc) throws IOException {
      Document d = fields.document(doc);
      return new StoredChunk(
          d.get(ID),
          d.get(PATH),
          d.get(CONTENT),
          Optional.ofNullable(d.get(SYMBOL)),
          d.get(LANG),
          d.get(KIND),
          d.getField(START).numericValue().intValue(),
          d.getField(END).numericValue().intValue());
    }

    /** What the embedder reads: the path, the symbol and the code. */
    String embeddingText(int maxChars) {
      String head = path + symbol.map(s -> " " + s).orElse("") + "\n";
      String text = head + content;
      return text.length() > maxChars ? text.substring(0, maxChars) : text;
    }
  }

  static Document chunk(StoredChunk c, Optional<Embedded> vector) {
    Document d = new Document();
    d.add(new StringField(TYPE, CHUNK, Field.Store.NO));
    d.add(new StringField(ID, c.id(), Field.Store.YES));
    d.add(new StringField(PATH, c.path(), Field.Store.YES));
    d.add(new SortedDocValuesField(PATH, new BytesRef(c.path())));
    d.add(new TextField(CONTENT, c.content(), Field.Store.YES));
    c.symbol().ifPresent(s -> d.add(new StoredField(SYMBOL, s)));
    d.add(new TextField(SYMBOL, symbolText(c), Field.Store.NO));
    d.add(new TextField(PATH_TEXT, c.path(), Field.Store.NO));
    d.add(new StoredField(LANG, c.lang()));
    d.add(new StoredField(KIND, c.kind()));
    d.add(new StoredField(START, c.start()));
    d.add(new StoredField(END, c.end()));
    d.add(new FloatDocValuesField(PRIOR, Priors.of(c.path())));
    vector.ifPresent(
        v -> {
          d.add(new StringField(MODEL, v.model(), Field.Store.NO));
          d.add(
              new KnnFloatVectorField(
                  vectorField(v.vector().length),
                  v.vector(),
                  VectorSimilarityFunction.DOT_PRODUCT));
        });
    return d;
  }

  /** A vector and the model that made it. */
  record Embedded(String model, float[] vector) {}

  private static String symbolText(StoredChunk c) {
    List<String> names = new ArrayList<>();
    c.symbol().ifPresent(names::add);
    definitions(c.content(), names);
    return String.join(" ", names);
  }

  /**
   * Adds the names that definitions in {@code text} introduce ({@code class AuthMiddleware}, {@code
   * def list_users}, {@code func (s *S) Serve}): the identifier after a defining keyword.
   */
  static void definitions(String text, List<String> names) {
    int n = text.length();
    int i = 0;
    boolean defining = false;
    while (i < n && names.size() < MAX_DEFINITIONS) {
      char ch = text.charAt(i);
      if (!Character.isJavaIdentifierStart(ch)) {
        if (defining && ch != ' ' && ch != '\t' && ch != '*') {
          defining = false;
        }
        i++;
        continue;
      }
      int start = i;
      while (i < n && Character.isJavaIdentifierPart(text.charAt(i))) {
        i++;
      }
      int len = i - start;
      if (defining) {
        names.add(text.substring(start, i));
        defining = false;
      } else if (len >= 2
          && len <= 9
          && (start == 0 || !Character.isJavaIdentifierPart(text.charAt(start - 1)))) {
        defining = DEFINES.contains(text.substring(start, i));
      }
    }
  }
}
