package dev.oncell.eval;

import picocli.CommandLine.Command;

/** {@code oncell eval}: the parent of {@code eval coding} and {@code eval review}. */
@Command(
    name = "eval",
    description = {
      "Run a shipped agent on a suite of tasks in a real in-process host and score it:",
      "coding (resolved rate, rounds, tokens, time) or review (precision and recall)."
    },
    mixinStandardHelpOptions = true,
    subcommands = {CodingEvalCommand.class, ReviewEvalCommand.class})
final class EvalCommand implements Runnable {

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "name a suite kind: oncell eval coding|review ...");
  }
}
