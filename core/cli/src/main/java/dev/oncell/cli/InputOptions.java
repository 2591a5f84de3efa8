package dev.oncell.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --input JSON} or {@code --input-file FILE}: the input of an agent method. Text that is not
 * valid JSON is sent as a JSON string (as {@code memory set} does); no input at all sends {@code
 * {}}.
 */
final class InputOptions {

  @Option(
      names = "--input",
      paramLabel = "JSON",
      description = "The method's input; text that is not valid JSON is sent as a JSON string.")
  Optional<String> input = Optional.empty();

  @Option(
      names = "--input-file",
      paramLabel = "FILE",
      description = "Read the input from FILE ('-' for stdin), parsed like --input.")
  Optional<Path> file = Optional.empty();

  /** The input to send. */
  JsonNode read(CommandSpec spec, CliEnvironment env) throws IOException {
    if (input.isPresent() && file.isPresent()) {
      throw new ParameterException(
          spec.commandLine(), "--input and --input-file cannot be used together");
    }
    Optional<String> text = input;
    if (file.isPresent()) {
      text =
          Optional.of(
              file.get().toString().equals("-")
                  ? new String(env.stdin().readAllBytes(), StandardCharsets.UTF_8)
                  : Files.readString(file.get(), StandardCharsets.UTF_8));
    }
    return text.map(t -> Json.parse(t).orElseGet(() -> TextNode.valueOf(t)))
        .orElseGet(JsonNodeFactory.instance::objectNode);
  }
}
