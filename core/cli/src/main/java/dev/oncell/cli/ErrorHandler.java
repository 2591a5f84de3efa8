package dev.oncell.cli;

import dev.oncell.client.OncellApiException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns any exception from a command into one line on stderr, {@code oncell: <message> (<code>)},
 * and an exit code: 3 when the server is unreachable, 2 for an invalid argument, 1 otherwise. A
 * stack trace follows only when {@code ONCELL_DEBUG=1}.
 */
public final class ErrorHandler implements IExecutionExceptionHandler {

  static final int API_ERROR = 1;
  static final int USAGE_ERROR = 2;
  static final int UNREACHABLE = 3;

  private record Failure(String message, String code, int exitCode) {}

  @Override
  public int handleExecutionException(
      Exception exception, CommandLine commandLine, ParseResult parseResult) {
    Failure failure = describe(exception);
    PrintWriter err = commandLine.getErr();
    printError(err, failure.message(), failure.code());
    if (Main.environment(commandLine.getCommandSpec()).debug()) {
      exception.printStackTrace(err);
    }
    err.flush();
    return failure.exitCode();
  }

  /**
   * Prints the one error line, {@code oncell: <message> (<code>)}, for failures a command reports
   * itself (a failed run, a failed setup) rather than by throwing.
   */
  static void printError(PrintWriter err, String message, String code) {
    err.println("oncell: " + oneLine(message) + " (" + code + ")");
    err.flush();
  }

  private static Failure describe(Exception exception) {
    return switch (exception) {
      case OncellApiException e ->
          new Failure(e.getMessage(), e.code(), e.status() == 0 ? UNREACHABLE : API_ERROR);
      case CliException e -> new Failure(e.getMessage(), e.code(), e.exitCode());
      case dev.oncell.runtime.CellException e -> new Failure(e.getMessage(), e.code(), API_ERROR);
      case UncheckedIOException e -> io(e.getCause());
      case IOException e -> io(e);
      case IllegalArgumentException e -> new Failure(message(e), "invalid_argument", USAGE_ERROR);
      default -> new Failure(message(exception), "internal_error", API_ERROR);
    };
  }

  private static Failure io(IOException e) {
    if (e instanceof NoSuchFileException missing) {
      return new Failure("no such file: " + missing.getFile(), "io_error", API_ERROR);
    }
    return new Failure(message(e), "io_error", API_ERROR);
  }

  private static String message(Exception e) {
    return Optional.ofNullable(e.getMessage())
        .filter(m -> !m.isBlank())
        .orElse(e.getClass().getSimpleName());
  }

  private static String oneLine(String message) {
    return message.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
