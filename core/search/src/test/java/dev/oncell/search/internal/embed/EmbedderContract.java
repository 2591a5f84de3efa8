package dev.oncell.search.internal.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncell.search.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every {@link Embedder} must do. An implementation's test subclasses this with one factory
 * method; the embedder is opened once per class (models take a second or two to load).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EmbedderContract {

  static final String JWT_QUERY = "verify the JWT token";
  static final String VERIFY_TOKEN =
      """
      /** Checks the signature and expiry of a bearer token. */
      public boolean verifyToken(String token) {
        Jws<Claims> jws = Jwts.parser().verifyWith(signingKey).build().parseSignedClaims(token);
        return jws.getPayload().getExpiration().after(Date.from(clock.instant()));
      }
      """;
  static final String CSV_PARSER =
      """
      /** Splits one line of a CSV file into fields, honouring quotes. */
      static List<String> parseCsvLine(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
          if (c == '"') quoted = !quoted;
          else if (c == ',' && !quoted) { fields.add(field.toString()); field.setLength(0); }
          else field.append(c);
        }
        fields.add(field.toString());
        return fields;
      }
      """;

  protected Embedder embedder;

  /** A new embedder under test; closed by the contract after the class. */
  protected abstract Embedder open();

  @BeforeAll
  void openEmbedder() {
    embedder = open();
  }

  @AfterAll
  void closeEmbedder() {
    embedder.close();
  }

  @Test
  void everyVectorHasTheDimensionAndUnitLength() {
    List<float[]> vectors = embedder.embed(List.of(JWT_QUERY, VERIFY_TOKEN, CSV_PARSER, "x"));
    assertThat(vectors).as("one vector per text").hasSize(4);
    for (float[] vector : vectors) {
      assertThat(vector).as("vector length").hasSize(embedder.dimension());
      assertThat(norm(vector)).as("vector norm").isCloseTo(1.0, within(1e-4));
    }
  }

  @Test
  void sameTextGivesTheSameVector() {
    float[] first = embedder.embed(List.of(VERIFY_TOKEN)).getFirst();
    float[] second = embedder.embed(List.of(VERIFY_TOKEN)).getFirst();
    assertThat(second).as("embedding the same text twice").containsExactly(first, within(1e-6f));
  }

  @Test
  void vectorsComeBackInTheOrderOfTheTexts() {
    List<String> texts = List.of(CSV_PARSER, JWT_QUERY, VERIFY_TOKEN, "int add(int a, int b)");
    List<float[]> together = embedder.embed(texts);
    for (int i = 0; i < texts.size(); i++) {
      float[] alone = embedder.embed(List.of(texts.get(i))).getFirst();
      assertThat(together.get(i))
          .as("vector %d of a batch equals the text embedded alone", i)
          .containsExactly(alone, within(1e-5f));
    }
  }

  @Test
  void noTextsGiveNoVectors() {
    assertThat(embedder.embed(List.of())).as("vectors of an empty list").isEmpty();
  }

  @Test
  void aQueryIsCloserToTheCodeItDescribesThanToUnrelatedCode() {
    List<float[]> v = embedder.embed(List.of(JWT_QUERY, VERIFY_TOKEN, CSV_PARSER));
    double related = dot(v.get(0), v.get(1));
    double unrelated = dot(v.get(0), v.get(2));
    assertThat(related)
        .as(
            "cosine of the JWT query to verifyToken (%.3f) vs to a CSV parser (%.3f)",
            related, unrelated)
        .isGreaterThan(unrelated + 0.05);
  }

  @Test
  void theEndOfALongTextCounts() {
    StringBuilder head = new StringBuilder(CSV_PARSER);
    while (head.length() < 6_000) {
      head.append(CSV_PARSER.replace("parseCsvLine", "parseCsvLine" + head.length()));
    }
    float[] headOnly = embedder.embed(List.of(head.toString())).getFirst();
    float[] withTail = embedder.embed(List.of(head + VERIFY_TOKEN.repeat(8))).getFirst();
    float[] query = embedder.embed(List.of(JWT_QUERY)).getFirst();
    assertThat(dot(query, withTail))
        .as("a long text whose end is about JWTs is closer to the JWT query than its start alone")
        .isGreaterThan(dot(query, headOnly) + 0.01);
    assertThat(norm(withTail)).as("norm of a long text's vector").isCloseTo(1.0, within(1e-4));
  }

  @Test
  void parallelCallsGiveTheSameVectorsAsSequentialOnes() throws Exception {
    List<List<String>> batches = new ArrayList<>();
    for (int b = 0; b < 6; b++) {
      List<String> batch = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        batch.add((i % 2 == 0 ? VERIFY_TOKEN : CSV_PARSER).replace("String", "String" + b + i));
      }
      batches.add(batch);
    }
    List<List<float[]>> sequential = new ArrayList<>();
    for (List<String> batch : batches) {
      sequential.add(embedder.embed(batch));
    }
    List<Future<List<float[]>>> parallel = new ArrayList<>();
    try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (List<String> batch : batches) {
        parallel.add(callers.submit(() -> embedder.embed(batch)));
      }
      for (int b = 0; b < batches.size(); b++) {
        List<float[]> got = parallel.get(b).get();
        for (int i = 0; i < got.size(); i++) {
          assertThat(got.get(i))
              .as("batch %d text %d embedded in parallel", b, i)
              .containsExactly(sequential.get(b).get(i), within(1e-5f));
        }
      }
    }
  }

  @Test
  void aBlankTextIsRejected() {
    assertThatThrownBy(() -> embedder.embed(List.of("ok", " \n\t")))
        .as("embedding a blank text")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("texts[1]");
  }

  @Test
  void aClosedEmbedderRefusesToEmbed() {
    Embedder other = open();
    other.close();
    other.close();
    assertThatThrownBy(() -> other.embed(List.of("text")))
        .as("embedding after close")
        .isInstanceOf(IllegalStateException.class);
    assertThat(embedder.embed(List.of("still open")))
        .as("another embedder of the same model still works")
        .hasSize(1);
  }

  static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }

  static double norm(float[] v) {
    return Math.sqrt(dot(v, v));
  }

  private static org.assertj.core.data.Offset<Double> within(double offset) {
    return org.assertj.core.data.Offset.offset(offset);
  }

  private static org.assertj.core.data.Offset<Float> within(float offset) {
    return org.assertj.core.data.Offset.offset(offset);
  }
}
