package dev.oncell.examples.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.agent.Agent;
import dev.oncell.agent.Context;
import dev.oncell.agent.Db;
import dev.oncell.agent.FileEntry;
import dev.oncell.agent.ShellResult;
import dev.oncell.agent.Step;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Answers questions about a customer's sales data. {@code setup} loads the customer's CSV (the
 * {@code csv} text of its config, or a bundled sample) into the cell: the file {@code
 * data/sales.csv}, a {@code sales} table and a {@code dataset} memory entry. {@code analyze} turns
 * a question into a shell command over that file and runs it in the cell's sandbox.
 */
@Extension
public class DataAnalysisAgent extends Agent {

  static final String DATASET = "data/sales.csv";
  static final List<String> COLUMNS = List.of("date", "region", "product", "units", "revenue");

  /**
   * The largest dataset {@code check} reads (the editor's quick fixes are for files people edit).
   */
  static final int MAX_CHECKED_BYTES = 4 << 20;

  public record Question(String question) {}

  /**
   * @param command the shell command that computed the answer; empty for a question it does not
   *     understand
   * @param rows the command's output, one line each
   */
  public record Answer(
      String question, String answer, Optional<String> command, List<String> rows) {}

  /**
   * @param findings the dataset's problems, in line order; empty when the analysis can trust it
   */
  public record Check(List<DatasetCheck.Finding> findings) {}

  @Override
  public void setup(Context ctx) {
    JsonNode csv = ctx.config().path("csv");
    Dataset dataset = Dataset.parse(csv.isTextual() ? csv.asText() : sample());
    ctx.orchestrator("load").stream(
        Step.of("file", () -> ctx.store().write(DATASET, dataset.csv())),
        Step.of("table", () -> createTable(ctx.db(), dataset)),
        Step.of("memory", () -> remember(ctx)));
  }

  public Answer analyze(Context ctx, Question question) {
    Optional<Analysis> analysis = Analysis.of(question.question());
    if (analysis.isEmpty()) {
      return new Answer(
          question.question(),
          "I cannot answer that yet. Ask one of: " + Analysis.questions() + ".",
          Optional.empty(),
          List.of());
    }
    String command = analysis.get().command();
    ctx.stream("analysis", Map.of("question", question.question(), "command", command));
    ShellResult result = ctx.shell(command);
    if (result.failed()) {
      throw new IllegalStateException(
          "'" + command + "' exited " + result.exitCode() + ": " + result.stderr().strip());
    }
    List<String> rows = result.stdout().lines().toList();
    String answer =
        rows.isEmpty() ? "The dataset has no rows to answer from." : analysis.get().answer(rows);
    return new Answer(question.question(), answer, Optional.of(command), rows);
  }

  /**
   * Checks {@code data/sales.csv} as it is now (the customer may have edited it): rows the analysis
   * would miscount, each with its line, and a corrected line where the fix is certain. Editors show
   * them as diagnostics with a quick fix.
   */
  public Check check(Context ctx) {
    // The size from the folder's listing first: a file the customer made huge is never read.
    long size =
        ctx.store().list("data").stream()
            .filter(e -> e.name().equals("sales.csv") && e.type() == FileEntry.Type.FILE)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException(DATASET + " is missing: run setup again"))
            .size();
    if (size > MAX_CHECKED_BYTES) {
      throw new IllegalStateException(
          DATASET + " has " + size + " bytes; check reads at most " + MAX_CHECKED_BYTES);
    }
    byte[] bytes = ctx.store().read(DATASET);
    return new Check(DatasetCheck.check(DATASET, new String(bytes, StandardCharsets.UTF_8)));
  }

  private static int createTable(Db db, Dataset dataset) {
    db.update("DROP TABLE IF EXISTS sales");
    db.update(
        "CREATE TABLE sales (sold_on DATE, region VARCHAR(100), product VARCHAR(100),"
            + " units INT, revenue DECIMAL(14, 2))");
    int loaded = 0;
    // One statement per chunk of rows: each db call is a step of the run, so batch them.
    for (List<Object[]> chunk : dataset.chunks(500)) {
      String values = String.join(", ", Collections.nCopies(chunk.size(), "(?, ?, ?, ?, ?)"));
      List<Object> params = new ArrayList<>();
      chunk.forEach(row -> params.addAll(List.of(row)));
      loaded += db.update("INSERT INTO sales VALUES " + values, params.toArray());
    }
    return loaded;
  }

  private static void remember(Context ctx) {
    Number rows = (Number) ctx.db().query("SELECT COUNT(*) AS n FROM sales").getFirst().get("N");
    ObjectNode dataset = JsonNodeFactory.instance.objectNode().put("rows", rows.intValue());
    COLUMNS.forEach(dataset.putArray("columns")::add);
    ctx.memory().set("dataset", dataset);
  }

  private static String sample() {
    try (InputStream in = DataAnalysisAgent.class.getResourceAsStream("sample-sales.csv")) {
      if (in == null) {
        throw new IllegalStateException("the bundled sample-sales.csv is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
