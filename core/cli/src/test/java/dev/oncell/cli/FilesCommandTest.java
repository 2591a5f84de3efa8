package dev.oncell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilesCommandTest extends CliTestSupport {

  private static final byte[] BINARY = {0, (byte) 0xFF, 10, 13, 65};
  private static final Map<String, String> FILE = Map.of("X-Oncell-Entry", "file");
  private static final Map<String, String> DIRECTORY =
      Map.of("X-Oncell-Entry", "directory", "Content-Type", "application/json");
  private static final String LISTING =
      """
      {"path": "", "entries": [
        {"name": "README.md", "type": "file", "size": 1234},
        {"name": "src", "type": "dir", "size": 0}]}
      """;

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void get_writesTheRawBytesToStdout() {
    server.on("GET /v1/customers/acme/files/bin/data.bin", 200, FILE, BINARY);

    Run run = run("files", "get", "--customer", "acme", "bin/data.bin");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stdout()).isEqualTo(BINARY);
  }

  @Test
  void get_withOutput_writesAFile() throws Exception {
    server.on("GET /v1/customers/acme/files/data.bin", 200, FILE, BINARY);
    Path target = home.resolve("copy.bin");

    Run run = run("files", "get", "--customer", "acme", "data.bin", "-o", target.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(Files.readAllBytes(target)).isEqualTo(BINARY);
    assertThat(run.stdout()).isEmpty();
  }

  @Test
  void put_uploadsALocalFile() throws Exception {
    server.onJson(
        "PUT /v1/customers/acme/files/docs/a%20b.bin",
        200, "{\"path\": \"docs/a b.bin\", \"size\": 5}");
    Path source = Files.write(home.resolve("source.bin"), BINARY);

    Run run = run("files", "put", "--customer", "acme", "docs/a b.bin", source.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(server.lastRequest().body()).isEqualTo(BINARY);
    assertThat(run.out()).isEqualTo("Wrote docs/a b.bin (5 bytes)" + System.lineSeparator());
  }

  @Test
  void put_withoutFile_uploadsStdin() {
    server.onJson(
        "PUT /v1/customers/acme/files/in.txt", 200, "{\"path\": \"in.txt\", \"size\": 5}");

    Run run = run(serverEnv(), "hello", "files", "put", "--customer", "acme", "in.txt", "--json");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(server.lastRequest().bodyText()).isEqualTo("hello");
    assertThat(run.out()).contains("\"size\" : 5");
  }

  @Test
  void ls_withoutPath_listsTheRootAsATable() {
    server.on(
        "GET /v1/customers/acme/files/", 200, DIRECTORY, LISTING.getBytes(StandardCharsets.UTF_8));

    Run run = run("files", "ls", "--customer", "acme");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out().lines())
        .containsExactly("NAME       TYPE  SIZE", "README.md  file  1234", "src        dir   0");
  }

  @Test
  void ls_withJson_printsTheListing() throws Exception {
    server.on(
        "GET /v1/customers/acme/files/src",
        200,
        DIRECTORY,
        LISTING.getBytes(StandardCharsets.UTF_8));

    Run run = run("files", "ls", "--customer", "acme", "src", "--json");

    assertThat(mapper.readTree(run.out())).isEqualTo(mapper.readTree(LISTING));
  }

  @Test
  void rm_recursive() {
    server.on("DELETE /v1/customers/acme/files/src?recursive=true", 204, Map.of(), new byte[0]);

    Run run = run("files", "rm", "--customer", "acme", "-r", "src");

    assertThat(run.exitCode()).as(run.toString()).isZero();
  }
}
