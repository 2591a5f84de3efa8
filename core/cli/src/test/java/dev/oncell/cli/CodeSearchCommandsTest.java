package dev.oncell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oncell.runtime.fixtures.ShopRepo;
import dev.oncell.runtime.fixtures.TestHost;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code oncell index / search / grep} against a real server and a real index. */
class CodeSearchCommandsTest {

  private final ObjectMapper mapper = new ObjectMapper();

  @RegisterExtension final TestHost oncell = TestHost.create(c -> c.withEmbeddingModel("none"));

  /** The CLI user's home. */
  @TempDir Path tmp;

  private LiveCli cli;

  @BeforeEach
  void start() {
    cli = new LiveCli(oncell, tmp.resolve("user"));
    assertThat(cli.oncell("customers", "create", "acme").exitCode()).isZero();
    ShopRepo.writeTo(oncell.home().resolve("cells/acme/work"));
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void indexSearchAndGrepPrintWhatAUserNeeds() throws Exception {
    LiveCli.Run index = cli.oncell("index", "--customer", "acme");
    assertThat(index.exitCode()).as(index.toString()).isZero();
    assertThat(index.out()).contains("indexed ").contains("keyword only");

    LiveCli.Run search =
        cli.oncell("search", "--customer", "acme", "-k", "3", "authentication", "middleware");
    assertThat(search.exitCode()).as(search.toString()).isZero();
    assertThat(search.out().lines().findFirst().orElseThrow())
        .as(search.toString())
        .startsWith("1.000  " + ShopRepo.AUTH_FILE + ":");

    JsonNode json =
        mapper.readTree(
            cli.oncell("search", "--customer", "acme", "--json", "--glob", "**/*.go", "charge card")
                .out());
    assertThat(json.path("hits").get(0).path("path").asText())
        .isEqualTo("services/payments/stripe.go");

    LiveCli.Run grep = cli.oncell("grep", "--customer", "acme", "ErrDeclined");
    assertThat(grep.exitCode()).as(grep.toString()).isZero();
    assertThat(grep.out().lines())
        .allMatch(l -> l.startsWith("services/payments/stripe.go:"))
        .anyMatch(l -> l.contains(":16:var ErrDeclined"));

    LiveCli.Run none = cli.oncell("grep", "--customer", "acme", "no-such-text-anywhere");
    assertThat(none.exitCode()).as("grep exits 1 when nothing matched").isEqualTo(1);

    LiveCli.Run status = cli.oncell("index", "--customer", "acme", "--status", "--json");
    assertThat(mapper.readTree(status.out()).path("files").asInt()).isGreaterThanOrEqualTo(10);
  }

  @Test
  void badInputsSayWhatIsWrong() {
    LiveCli.Run regex = cli.oncell("grep", "--customer", "acme", "(unclosed");
    assertThat(regex.exitCode()).isNotZero();
    assertThat(regex.err()).contains("invalid_regex");

    LiveCli.Run escape = cli.oncell("index", "--customer", "acme", "../../etc");
    assertThat(escape.exitCode()).isNotZero();
    assertThat(escape.err()).contains("invalid_path");
  }
}
