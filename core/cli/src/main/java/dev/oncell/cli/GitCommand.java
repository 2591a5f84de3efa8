package dev.oncell.cli;

import picocli.CommandLine.Command;

/** {@code oncell git ...}: the host-side git of customers' cells. */
@Command(
    name = "git",
    description = "Git for customers' cells, done by the host: the credentials it uses.",
    subcommands = {GitCredentialsCommand.class})
final class GitCommand extends CommandGroup {}
