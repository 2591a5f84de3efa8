package dev.oncell.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oncell.llm.VariableResolver;
import dev.oncell.llm.testing.StandIn;
import dev.oncell.llm.testing.Wire;
import dev.oncell.runtime.fixtures.TestHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Operator secrets: encrypted at rest, never shown back, used by $VAR in the llm config. */
class SecretsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VALUE = "sk-live-secret-9a8b7c6d5e";

  @RegisterExtension
  final TestHost oncell =
      TestHost.create(
          c ->
              c.withEmbeddingModel("none")
                  .withEnvironment(
                      VariableResolver.of(Map.of("OPENAI_API_KEY", "sk-from-environment"))));

  private final Path home = oncell.home();
  private Host host;
  private final StandIn openai = StandIn.start();

  @BeforeEach
  void open() throws Exception {
    Files.writeString(
        home.resolve("oncell.yaml"),
        """
        llm:
          providers:
            openai: { api_key: $OPENAI_API_KEY, model: gpt-4o, base_url: %s }
        """
            .formatted(openai.v1()));
    host = oncell.open();
  }

  @AfterEach
  void close() {
    openai.close();
  }

  /** Every byte under ONCELL_HOME, as Latin-1 text so that any byte sequence can be searched. */
  private List<String> filesContaining(String needle) throws Exception {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(home)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        if (content.contains(needle)) {
          found.add(home.relativize(f).toString());
        }
      }
    }
    return found;
  }

  @Test
  void aSecretIsEncryptedAtRestAndListedOnlyByNameAndHint() throws Exception {
    SecretInfo set = host.secrets().set("OPENAI_API_KEY", VALUE);
    assertThat(set.hint()).isEqualTo("****6d5e");
    host.secrets().set("SHORT", "abc");

    assertThat(host.secrets().list())
        .extracting(SecretInfo::name, SecretInfo::hint)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("OPENAI_API_KEY", "****6d5e"),
            org.assertj.core.groups.Tuple.tuple("SHORT", "****"));
    assertThat(host.secrets().list().toString()).doesNotContain(VALUE);

    oncell.stop();
    assertThat(filesContaining(VALUE)).as("no file holds the value in clear").isEmpty();
    assertThat(filesContaining("abc\0")).isEmpty();
    Path key = home.resolve("secrets.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    assertThat(Files.size(key)).isEqualTo(32);
    host = oncell.open();
    assertThat(host.secrets().list())
        .extracting(SecretInfo::name)
        .containsExactly("OPENAI_API_KEY", "SHORT");
    assertThat(host.secrets().delete("SHORT")).isTrue();
    assertThat(host.secrets().delete("SHORT")).isFalse();
  }

  @Test
  void anEmptyKeyFileLeftByAFullDiskIsReplacedNotFatal() throws Exception {
    oncell.stop();
    Path key = home.resolve("secrets.key");
    Files.write(key, new byte[0]); // what older versions left when the disk was full
    host = oncell.open();

    host.secrets().set("OPENAI_API_KEY", VALUE);

    assertThat(Files.size(key)).isEqualTo(32);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    assertThat(host.secrets().list()).extracting(SecretInfo::hint).containsExactly("****6d5e");
    try (var leftovers = Files.list(home)) {
      assertThat(leftovers.map(p -> p.getFileName().toString()))
          .as("no temporary file is left next to the key")
          .noneMatch(name -> name.startsWith(".secrets.key"));
    }
  }

  @Test
  void badNamesAndValuesAreRefusedAndChangeNothing() {
    assertThatThrownBy(() -> host.secrets().set("1BAD", "x"))
        .isInstanceOfSatisfying(
            CellException.class, e -> assertThat(e.code()).isEqualTo("invalid_secret_name"));
    assertThatThrownBy(() -> host.secrets().set("OK", ""))
        .isInstanceOfSatisfying(
            CellException.class, e -> assertThat(e.code()).isEqualTo("invalid_secret_value"));
    assertThatThrownBy(() -> host.secrets().set("OK", "x".repeat(Secrets.MAX_VALUE_LENGTH + 1)))
        .isInstanceOfSatisfying(
            CellException.class, e -> assertThat(e.code()).isEqualTo("invalid_secret_value"));
    assertThat(host.secrets().list()).isEmpty();
    assertThat(home.resolve("secrets.key")).doesNotExist();
  }

  @Test
  void theConfigsVariableComesFromTheSecretBeforeTheEnvironmentAndRotates() throws Exception {
    host.deployments().deploy(LlmRunsTest.PLANNER, "production");
    CellInfo info =
        host.cells()
            .create(
                new Cells.NewCell(
                    "acme", JSON.createObjectNode(), Optional.of("planner"), "production"));
    host.runs().await(info.setupRunId().orElseThrow());
    openai.then(
        Wire.openAiText("gpt-4o", "a", 1, 1),
        Wire.openAiText("gpt-4o", "b", 1, 1),
        Wire.openAiText("gpt-4o", "c", 1, 1));

    ask();
    assertThat(openai.last().header("Authorization")).contains("Bearer sk-from-environment");
    host.secrets().set("OPENAI_API_KEY", VALUE);
    ask();
    assertThat(openai.last().header("Authorization"))
        .as("the secret wins")
        .contains("Bearer " + VALUE);
    host.secrets().set("OPENAI_API_KEY", VALUE + "-rotated");
    ask();
    assertThat(openai.last().header("Authorization")).contains("Bearer " + VALUE + "-rotated");
  }

  @Test
  void aReplacedKeyFileIsAClearErrorNotGarbage() throws Exception {
    host.deployments().deploy(LlmRunsTest.PLANNER, "production");
    CellInfo info =
        host.cells()
            .create(
                new Cells.NewCell(
                    "acme", JSON.createObjectNode(), Optional.of("planner"), "production"));
    host.runs().await(info.setupRunId().orElseThrow());
    host.secrets().set("OPENAI_API_KEY", VALUE);
    oncell.stop();
    Files.write(home.resolve("secrets.key"), new byte[32]);
    host = oncell.open();

    RunInfo run = ask();
    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error().orElseThrow().code()).isEqualTo("secret_undecryptable");
    assertThat(run.error().orElseThrow().message())
        .contains("OPENAI_API_KEY")
        .contains("secrets.key");
    assertThat(openai.count()).isZero();
    assertThat(host.secrets().list())
        .singleElement()
        .extracting(SecretInfo::hint)
        .isEqualTo("(cannot be decrypted)");
  }

  private RunInfo ask() throws Exception {
    RunInfo started =
        host.runs().start("acme", "ask", JSON.readTree("{\"prompt\":\"hi\"}"), Optional.empty());
    return host.runs().await(started.id());
  }
}
