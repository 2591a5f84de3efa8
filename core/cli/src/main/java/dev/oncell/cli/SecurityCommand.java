package dev.oncell.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.client.CustomerFiles;
import dev.oncell.client.OncellApiException;
import dev.oncell.client.OncellClient;
import dev.oncell.client.RunEvent;
import dev.oncell.client.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code oncell security import-osv}: the operator's side of the security agent. */
@Command(
    name = "security",
    description = "The security agent's operator commands.",
    subcommands = {SecurityCommand.ImportOsv.class})
final class SecurityCommand extends CommandGroup {

  /** Where the parts go in the cell while they are imported; removed afterwards. */
  static final String UPLOAD_FOLDER = ".oncell/osv-import/";

  @Command(
      name = "import-osv",
      description =
          "Import an OSV export (osv.dev's all.zip of an ecosystem) into a customer's cell, for"
              + " the security agent's offline dependency scan. Replaces that ecosystem's snapshot"
              + " all at once; a damaged archive imports nothing.")
  static final class ImportOsv extends ClientCommand {
    @Mixin CustomerOption customer;

    @Parameters(paramLabel = "FILE.zip", description = "The OSV archive.")
    Path archive;

    @Option(
        names = "--ecosystem",
        paramLabel = "E",
        description = "Import only this ecosystem's records (npm, PyPI, Maven, Go, crates.io).")
    Optional<String> ecosystem = Optional.empty();

    @Option(
        names = "--part-size",
        paramLabel = "BYTES",
        description =
            "Upload the archive in parts of about this size (default ${DEFAULT-VALUE}: under the"
                + " server's request limit).")
    long partSize = 8L << 20;

    @Mixin JsonOption json;

    @Override
    int run(OncellClient client) throws Exception {
      if (partSize < 1024) {
        throw new CliException(
            "--part-size must be at least 1024 bytes",
            "invalid_argument",
            ErrorHandler.USAGE_ERROR);
      }
      if (!Files.isRegularFile(archive)) {
        throw new CliException(
            "no file " + archive + "; nothing imported", "not_found", ErrorHandler.API_ERROR);
      }
      CustomerFiles files = client.files(customer.id);
      String folder = UPLOAD_FOLDER + UUID.randomUUID();
      boolean runGoesOn = false;
      try {
        int parts =
            OsvArchiveParts.split(
                archive, partSize, (name, bytes) -> files.write(folder + "/" + name, bytes));
        ObjectNode input = JsonNodeFactory.instance.objectNode().put("path", folder);
        ecosystem.ifPresent(e -> input.put("ecosystem", e));
        RunResult result =
            client.agents().stream(
                "importOsv", customer.id, input, event -> progress(event, parts));
        if (!result.succeeded()) {
          return RunOutput.failure(err(), result);
        }
        JsonNode imported = result.result().orElseThrow();
        if (json.enabled) {
          Json.print(out(), imported);
        } else {
          print(imported, parts);
        }
        return 0;
      } catch (OncellApiException e) {
        // The stream broke but the run goes on and reads the parts: leave them (the error names
        // the run to follow with `oncell runs events`).
        runGoesOn = e.code().equals("disconnected");
        throw e;
      } finally {
        if (!runGoesOn) {
          removeQuietly(files, folder);
        }
      }
    }

    /** The agent's {@code osv-import} events, on stderr: stdout stays the table or the JSON. */
    private void progress(RunEvent event, int parts) {
      if (event.type().equals("osv-import")) {
        JsonNode data = event.data();
        err()
            .println(
                "imported part "
                    + data.path("part").asInt()
                    + " of "
                    + parts
                    + " ("
                    + data.path("records").asInt()
                    + " records)");
        err().flush();
      }
    }

    private void print(JsonNode imported, int parts) {
      Table table = Table.of("ECOSYSTEM", "SNAPSHOT DATE", "VULNERABILITIES", "IMPORTED AT");
      for (JsonNode s : imported.path("snapshots")) {
        table.row(
            s.path("ecosystem").asText(),
            s.path("date").asText(),
            s.path("vulnerabilities").asInt(),
            s.path("importedAt").asText());
      }
      table.print(out());
      out()
          .println(
              (imported.path("unchanged").asBoolean()
                      ? "Unchanged: this archive is already the snapshot in force. "
                      : "Imported. ")
                  + imported.path("records").asInt()
                  + " records in "
                  + parts
                  + (parts == 1 ? " part" : " parts")
                  + ", "
                  + imported.path("withdrawn").asInt()
                  + " withdrawn, "
                  + imported.path("ignored").asInt()
                  + " of other ecosystems.");
      out().flush();
    }

    private static void removeQuietly(CustomerFiles files, String folder) {
      try {
        files.delete(folder, true);
      } catch (OncellApiException e) {
        // nothing was uploaded, or the cell is gone: nothing to clean
      }
    }
  }
}
