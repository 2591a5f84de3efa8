package dev.oncell.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilesTest extends ClientTestSupport {

  private static final Map<String, String> FILE = Map.of("X-Oncell-Entry", "file");
  private static final Map<String, String> DIRECTORY =
      Map.of("X-Oncell-Entry", "directory", "Content-Type", "application/json");
  private static final String LISTING =
      """
      {"path": "src", "entries": [
        {"name": "a.txt", "type": "file", "size": 12},
        {"name": "lib", "type": "dir", "size": 0},
        {"name": "link", "type": "symlink", "size": 3},
        {"name": "fifo", "type": "other", "size": 0}]}
      """;

  @Test
  void write_sendsRawBytesToAPathEncodedPerSegment() {
    server.onJson(
        "PUT /v1/customers/acme/files/dir%20one/%C3%BC%3F.txt",
        200, "{\"path\": \"dir one/ü?.txt\", \"size\": 5}");
    byte[] content = {0, 1, 2, (byte) 0xFF, 10};

    WrittenFile written = client.files("acme").write("dir one/ü?.txt", content);

    assertThat(written).isEqualTo(new WrittenFile("dir one/ü?.txt", 5));
    CannedServer.Recorded request = server.lastRequest();
    assertThat(request.rawPath()).isEqualTo("/v1/customers/acme/files/dir%20one/%C3%BC%3F.txt");
    assertThat(request.body()).isEqualTo(content);
    assertThat(request.header("Authorization")).contains("Bearer " + KEY);
  }

  @Test
  void conditionalWrite_sendsTheVersionInIfMatchAndReadsTheNewOne() {
    server.onJson(
        "PUT /v1/customers/acme/files/a.txt",
        200,
        "{\"path\": \"a.txt\", \"size\": 2, \"version\": \"v2\"}");

    WrittenFile written =
        client.files("acme").write("a.txt", new byte[] {1, 2}, WriteCondition.ifVersion("v1"));

    assertThat(written.version()).contains("v2");
    assertThat(server.lastRequest().header("If-Match")).contains("\"v1\"");
    assertThat(server.lastRequest().header("If-None-Match")).isEmpty();

    client.files("acme").write("a.txt", new byte[] {1, 2}, WriteCondition.ifAbsent());
    assertThat(server.lastRequest().header("If-None-Match")).contains("*");
    assertThat(server.lastRequest().header("If-Match")).isEmpty();
  }

  @Test
  void conditionalWrite_aConflictIsAnApiErrorWithItsCode() {
    server.onJson(
        "PUT /v1/customers/acme/files/a.txt",
        409,
        "{\"error\": {\"code\": \"version_conflict\", \"message\": \"changed\"}}");

    assertThatThrownBy(
            () ->
                client.files("acme").write("a.txt", new byte[] {1}, WriteCondition.ifVersion("v1")))
        .isInstanceOfSatisfying(
            OncellApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(409);
              assertThat(e.code()).isEqualTo("version_conflict");
            });
  }

  @Test
  void writeCondition_refusesAVersionThatCannotBeAHeader() {
    assertThatThrownBy(() -> WriteCondition.ifVersion("a\"b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WriteCondition.ifVersion("a\nb"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void read_returnsTheRawBytesOfAFile() {
    byte[] content = "hello\n".getBytes(StandardCharsets.UTF_8);
    server.on("GET /v1/customers/acme/files/notes/todo.md", 200, FILE, content);

    assertThat(client.files("acme").read("/notes/todo.md"))
        .as("leading slash ignored, bytes as sent")
        .isEqualTo(content);
  }

  @Test
  void read_ofADirectory_fails() {
    server.on(
        "GET /v1/customers/acme/files/src",
        200,
        DIRECTORY,
        LISTING.getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> client.files("acme").read("src"))
        .isInstanceOfSatisfying(
            OncellApiException.class, e -> assertThat(e.code()).isEqualTo("is_a_directory"));
  }

  @Test
  void list_parsesEntriesAndTypes() throws Exception {
    server.on(
        "GET /v1/customers/acme/files/src",
        200,
        DIRECTORY,
        LISTING.getBytes(StandardCharsets.UTF_8));

    DirectoryListing listing = client.files("acme").list("src");

    assertThat(listing.path()).isEqualTo("src");
    assertThat(listing.entries())
        .containsExactly(
            new FileEntry("a.txt", FileEntry.Type.FILE, 12),
            new FileEntry("lib", FileEntry.Type.DIRECTORY, 0),
            new FileEntry("link", FileEntry.Type.SYMLINK, 3),
            new FileEntry("fifo", FileEntry.Type.OTHER, 0));
    assertThat(new ObjectMapper().readTree(listing.toJson().toString()))
        .as("toJson gives back the wire format")
        .isEqualTo(new ObjectMapper().readTree(LISTING));
  }

  @Test
  void listRoot_usesTheEmptyPathWithATrailingSlash() {
    server.on(
        "GET /v1/customers/acme/files/",
        200,
        DIRECTORY,
        "{\"path\": \"\", \"entries\": []}".getBytes(StandardCharsets.UTF_8));

    assertThat(client.files("acme").listRoot().entries()).isEmpty();
    assertThat(server.lastRequest().rawPath()).isEqualTo("/v1/customers/acme/files/");
  }

  @Test
  void list_ofAFile_fails() {
    server.on(
        "GET /v1/customers/acme/files/a.txt", 200, FILE, "x".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> client.files("acme").list("a.txt"))
        .isInstanceOfSatisfying(
            OncellApiException.class, e -> assertThat(e.code()).isEqualTo("not_a_directory"));
  }

  @Test
  void delete_addsRecursiveOnlyWhenAsked() {
    server.on("DELETE /v1/customers/acme/files/a.txt", 204, Map.of(), new byte[0]);
    server.on("DELETE /v1/customers/acme/files/src?recursive=true", 204, Map.of(), new byte[0]);

    client.files("acme").delete("a.txt", false);
    client.files("acme").delete("src", true);

    assertThat(server.requests())
        .extracting(r -> r.rawPath() + r.rawQuery().map(q -> "?" + q).orElse(""))
        .containsExactly(
            "/v1/customers/acme/files/a.txt", "/v1/customers/acme/files/src?recursive=true");
  }
}
