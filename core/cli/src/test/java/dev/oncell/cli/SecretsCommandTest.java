package dev.oncell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oncell.runtime.SecretInfo;
import dev.oncell.runtime.fixtures.TestHost;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code oncell secrets} against a real server: values go in, only hints come out. */
class SecretsCommandTest {

  private static final String VALUE = "sk-ant-api03-QwErTy123456";

  @RegisterExtension final TestHost oncell = TestHost.create();

  /** The CLI user's home. */
  @TempDir Path tmp;

  private LiveCli cli;

  @BeforeEach
  void start() {
    cli = new LiveCli(oncell, tmp.resolve("user"));
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void setListAndDelete() throws Exception {
    LiveCli.Run set = cli.oncell("secrets", "set", "ANTHROPIC_API_KEY=" + VALUE);
    assertThat(set.exitCode()).as(set.toString()).isZero();
    assertThat(set.out()).contains("Set ANTHROPIC_API_KEY (****3456)").doesNotContain(VALUE);

    LiveCli.Run piped =
        cli.withStdin("from-stdin-value-0001\n", "secrets", "set", "OPENAI_API_KEY");
    assertThat(piped.exitCode()).as(piped.toString()).isZero();
    assertThat(cli.host.secrets().list())
        .extracting(SecretInfo::name, SecretInfo::hint)
        .contains(org.assertj.core.groups.Tuple.tuple("OPENAI_API_KEY", "****0001"));

    LiveCli.Run list = cli.oncell("secrets", "list");
    assertThat(list.exitCode()).isZero();
    assertThat(list.out())
        .contains("NAME")
        .contains("ANTHROPIC_API_KEY")
        .contains("****3456")
        .doesNotContain(VALUE);
    JsonNode json = new ObjectMapper().readTree(cli.oncell("secrets", "list", "--json").out());
    assertThat(json.path("secrets")).hasSize(2);
    assertThat(json.toString()).doesNotContain(VALUE).doesNotContain("from-stdin");

    LiveCli.Run bad = cli.oncell("secrets", "set", "2FAST=x");
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains("(invalid_secret_name)");

    assertThat(cli.oncell("secrets", "delete", "ANTHROPIC_API_KEY").out())
        .contains("Deleted ANTHROPIC_API_KEY");
    LiveCli.Run again = cli.oncell("secrets", "delete", "ANTHROPIC_API_KEY");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("(not_found)");
    assertThat(cli.host.secrets().list())
        .extracting(SecretInfo::name)
        .containsExactly("OPENAI_API_KEY");
  }
}
