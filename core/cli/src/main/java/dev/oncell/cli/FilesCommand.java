package dev.oncell.cli;

import dev.oncell.client.DirectoryListing;
import dev.oncell.client.FileEntry;
import dev.oncell.client.OncellClient;
import dev.oncell.client.WrittenFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code oncell files get|put|ls|rm --customer X}: the files of a customer's cell. */
@Command(
    name = "files",
    description = "Read, write, list and delete files in a customer's cell.",
    subcommands = {
      FilesCommand.GetFile.class,
      FilesCommand.PutFile.class,
      FilesCommand.ListFiles.class,
      FilesCommand.RemoveFile.class
    })
final class FilesCommand extends CommandGroup {

  @Command(name = "get", description = "Write a file's bytes to stdout, or to FILE with -o.")
  static final class GetFile extends ClientCommand {
    @Mixin CustomerOption customer;

    @Parameters(paramLabel = "PATH", description = "Path in the cell.")
    String path;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "FILE",
        description = "Local file to write.")
    Optional<Path> output = Optional.empty();

    @Override
    int run(OncellClient client) throws IOException {
      byte[] content = client.files(customer.id).read(path);
      if (output.isPresent()) {
        Files.write(output.get(), content);
      } else {
        OutputStream stdout = environment().stdout();
        stdout.write(content);
        stdout.flush();
      }
      return 0;
    }
  }

  @Command(
      name = "put",
      description = "Write FILE (or stdin) to PATH in the cell, creating parent directories.")
  static final class PutFile extends ClientCommand {
    @Mixin CustomerOption customer;

    @Parameters(index = "0", paramLabel = "PATH", description = "Path in the cell.")
    String path;

    @Parameters(
        index = "1",
        arity = "0..1",
        paramLabel = "FILE",
        description = "Local file to upload; stdin when absent.")
    Optional<Path> source = Optional.empty();

    @Mixin JsonOption json;

    @Override
    int run(OncellClient client) throws IOException {
      byte[] content =
          source.isPresent()
              ? Files.readAllBytes(source.get())
              : environment().stdin().readAllBytes();
      WrittenFile written = client.files(customer.id).write(path, content);
      if (json.enabled) {
        Json.print(out(), written.toJson());
      } else {
        out().println("Wrote " + written.path() + " (" + written.size() + " bytes)");
        out().flush();
      }
      return 0;
    }
  }

  @Command(
      name = "ls",
      description = "List a directory of the cell (the root when PATH is absent).")
  static final class ListFiles extends ClientCommand {
    @Mixin CustomerOption customer;

    @Parameters(arity = "0..1", paramLabel = "PATH", description = "Directory in the cell.")
    Optional<String> path = Optional.empty();

    @Mixin JsonOption json;

    @Override
    int run(OncellClient client) {
      DirectoryListing listing = client.files(customer.id).list(path.orElse(""));
      if (json.enabled) {
        Json.print(out(), listing.toJson());
      } else {
        Table table = Table.of("NAME", "TYPE", "SIZE");
        for (FileEntry entry : listing.entries()) {
          table.row(entry.name(), entry.type().wireName(), entry.size());
        }
        table.print(out());
      }
      return 0;
    }
  }

  @Command(name = "rm", description = "Delete a file, or a directory with -r.")
  static final class RemoveFile extends ClientCommand {
    @Mixin CustomerOption customer;

    @Parameters(paramLabel = "PATH", description = "Path in the cell.")
    String path;

    @Option(
        names = {"-r", "--recursive"},
        description = "Delete a directory and everything in it.")
    boolean recursive;

    @Override
    int run(OncellClient client) {
      client.files(customer.id).delete(path, recursive);
      out().println("Deleted " + path);
      out().flush();
      return 0;
    }
  }
}
