package dev.oncell.examples.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.oncell.examples.analysis.DataAnalysisAgent.Answer;
import dev.oncell.examples.analysis.DataAnalysisAgent.Question;
import dev.oncell.runtime.RunEvent;
import dev.oncell.runtime.RunInfo;
import dev.oncell.testkit.OncellTestKit;
import dev.oncell.testkit.TestCell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataAnalysisAgentTest {

  @RegisterExtension
  static final OncellTestKit kit = OncellTestKit.forAgent(DataAnalysisAgent.class);

  /** Three rows of a customer's own data, unlike the sample in every answer. */
  static final String OWN_CSV =
      """
      date,region,product,units,revenue
      2025-03-01,lisbon,tiles,40,1000.50
      2025-03-02,porto,tiles,10,250.25
      2025-03-03,lisbon,grout,5,49.75
      """;

  private static Answer ask(TestCell cell, String question) {
    return cell.call("analyze", new Question(question), Answer.class);
  }

  private static JsonNode withCsv(String csv) {
    return JsonNodeFactory.instance.objectNode().put("csv", csv);
  }

  @Test
  void setupLoadsTheBundledSampleIntoFileTableAndMemory() {
    TestCell acme = kit.customer("acme");
    JsonNode dataset = acme.memory().get("dataset").orElseThrow();
    assertThat(dataset.get("rows").asInt()).as("rows in memory").isEqualTo(20);
    assertThat(dataset.get("columns").toString())
        .isEqualTo("[\"date\",\"region\",\"product\",\"units\",\"revenue\"]");
    assertThat(acme.files().read("data/sales.csv"))
        .asString()
        .startsWith("date,region,product,units,revenue\n2025-01-03,north,widget,12,300.00\n");
    assertThat(acme.db().query("SELECT SUM(revenue) AS total FROM sales").getFirst().get("TOTAL"))
        .hasToString("5426.78");
    assertThat(acme.events(acme.info().setupRunId().orElseThrow(), "step"))
        .extracting(e -> e.data().get("step").asText() + " " + e.data().get("status").asText())
        .containsExactly(
            "file running",
            "file done",
            "table running",
            "table done",
            "memory running",
            "memory done");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          What is the total revenue?   | The total revenue is 5426.78.
          Which is our best region?    | The top region is south with a revenue of 1655.92.
          How many rows are there?     | The dataset has 20 rows.
          Which products do we sell?   | The products are gadget, gizmo, widget.
          """)
  void answersEachKindOfQuestionFromTheSample(String question, String expected) {
    Answer answer = ask(kit.customer("acme"), question);
    assertThat(answer.question()).isEqualTo(question);
    assertThat(answer.answer()).isEqualTo(expected);
    assertThat(answer.command()).as("the command run in the cell").isPresent();
  }

  @Test
  void theTopRegionAnswerCarriesTheWholeRanking() {
    Answer answer = ask(kit.customer("acme"), "top region");
    assertThat(answer.rows())
        .containsExactly("1655.92 south", "1539.93 east", "1330.94 north", "899.99 west");
  }

  @Test
  void theAnalysisIsStreamedAndRunInTheSandbox() {
    TestCell acme = kit.customer("acme");
    RunInfo run = acme.run("analyze", new Question("total revenue"));
    assertThat(acme.events(run.id()))
        .extracting(RunEvent::type)
        .containsExactly("started", "analysis", "shell", "result");
    JsonNode analysis = acme.events(run.id(), "analysis").getFirst().data();
    assertThat(analysis.get("question").asText()).isEqualTo("total revenue");
    assertThat(analysis.get("command").asText()).startsWith("awk -F, ");
    assertThat(acme.events(run.id(), "shell").getFirst().data().get("line").asText())
        .isEqualTo("5426.78");
  }

  @Test
  void aCustomersOwnCsvIsWhatItsAnswersAreAbout() {
    TestCell tiles = kit.customer("tiles-co", withCsv(OWN_CSV));
    assertThat(tiles.memory().get("dataset").orElseThrow().get("rows").asInt()).isEqualTo(3);
    assertThat(ask(tiles, "total revenue").answer()).isEqualTo("The total revenue is 1300.50.");
    assertThat(ask(tiles, "top region").answer())
        .isEqualTo("The top region is lisbon with a revenue of 1050.25.");
    assertThat(ask(tiles, "count").answer()).isEqualTo("The dataset has 3 rows.");
    assertThat(ask(tiles, "products").answer()).isEqualTo("The products are grout, tiles.");
  }

  @Test
  void twoCustomersDataStaySeparate() {
    TestCell acme = kit.customer("acme");
    TestCell tiles = kit.customer("tiles-co", withCsv(OWN_CSV));
    assertThat(ask(tiles, "total revenue").answer()).isEqualTo("The total revenue is 1300.50.");
    assertThat(ask(acme, "total revenue").answer()).isEqualTo("The total revenue is 5426.78.");
    assertThat(acme.db().query("SELECT COUNT(*) AS n FROM sales").getFirst().get("N"))
        .hasToString("20");
    assertThat(tiles.db().query("SELECT COUNT(*) AS n FROM sales").getFirst().get("N"))
        .hasToString("3");
    assertThat(tiles.shell("ls /work/data").stdout()).isEqualTo("sales.csv\n");
  }

  @Test
  void anUnknownQuestionIsAnsweredWithTheQuestionsItKnows() {
    Answer answer = ask(kit.customer("acme"), "Will it rain tomorrow?");
    assertThat(answer.answer())
        .isEqualTo(
            "I cannot answer that yet. Ask one of: \"total revenue\", \"top region\","
                + " \"products\", \"how many rows\".");
    assertThat(answer.command()).isEmpty();
    assertThat(answer.rows()).isEmpty();
  }

  @Test
  void checkFindsTheRowsACustomerBrokeAndSuggestsTheCertainFixes() {
    TestCell acme = kit.customer("acme");
    String edited =
        new String(acme.files().read("data/sales.csv"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("2025-01-04,south,gadget,5,449.95", "2025-01-04, south ,gadget,5,449.95")
                .replace("2025-01-07,east,widget,8,200.00", "2025-01-07,east,widget,eight,200.00")
            + "2025-13-01,west,gizmo,1,2.00\n"
            + "2025-02-01,west,gizmo\n";
    acme.files().write("data/sales.csv", edited.getBytes(java.nio.charset.StandardCharsets.UTF_8));

    JsonNode findings = acme.call("check").get("findings");

    assertThat(findings)
        .extracting(
            f ->
                f.get("line").asInt()
                    + " "
                    + f.get("severity").asText()
                    + " "
                    + f.get("category").asText())
        .containsExactly("3 warning spaces", "4 error number", "22 error date", "23 error fields");
    assertThat(findings.get(0).get("file").asText()).isEqualTo("data/sales.csv");
    assertThat(findings.get(0).get("suggestion").asText())
        .isEqualTo("2025-01-04,south,gadget,5,449.95");
    assertThat(findings.get(1).path("suggestion").isTextual())
        .as("no fix is certain for a word where a number should be")
        .isFalse();
  }

  @Test
  void checkOfTheUntouchedDatasetFindsNothing() {
    assertThat(kit.customer("acme").call("check").get("findings")).isEmpty();
  }

  @Test
  void checkOfAMissingDatasetFailsWithTheReason() {
    TestCell acme = kit.customer("acme");
    acme.files().delete("data/sales.csv", false);
    assertThatThrownBy(() -> acme.call("check")).hasMessageContaining("data/sales.csv is missing");
  }

  @Test
  void checkOfADatasetOverTheLimitFailsWithTheReasonAndReadsNoFurther() {
    TestCell acme = kit.customer("acme");
    acme.files().write("data/sales.csv", new byte[DataAnalysisAgent.MAX_CHECKED_BYTES + 1]);
    assertThatThrownBy(() -> acme.call("check"))
        .hasMessageContaining("check reads at most " + DataAnalysisAgent.MAX_CHECKED_BYTES);
  }

  @Test
  void aCsvWithoutTheExpectedHeaderFailsTheSetup() {
    assertThatThrownBy(() -> kit.customer("bad", withCsv("day,amount\n2025-01-01,3\n")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("setup of customer bad failed")
        .hasMessageContaining("first line must be date,region,product,units,revenue");
  }
}
