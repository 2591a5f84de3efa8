package dev.oncell.runtime;

import dev.oncell.agent.Db;
import dev.oncell.agent.FileStore;
import dev.oncell.agent.Memory;
import dev.oncell.agent.ShellOptions;
import dev.oncell.agent.ShellResult;
import dev.oncell.sandbox.OutputListener;
import java.io.InputStream;

/**
 * One customer's cell in use. Every call wakes the cell if it is paused, and a pause waits until
 * calls in progress are done.
 */
public interface Cell {

  String id();

  CellInfo info();

  /**
   * Runs a command in the cell's sandbox, cwd {@code /work}.
   *
   * @throws CellException INVALID for an empty command, a timeout out of range or a bad cwd
   */
  ShellResult shell(String command, ShellOptions options);

  /** Like {@link #shell(String, ShellOptions)}, passing output lines to {@code listener} live. */
  ShellResult shell(String command, ShellOptions options, OutputListener listener);

  FileStore files();

  /** The cell's SQL database. */
  Db db();

  /**
   * Opens a file for streaming, for callers that must not hold it in memory.
   *
   * @throws CellException {@code not_found}, {@code invalid_path}, {@code is_a_directory}
   */
  FileContent open(String path);

  /**
   * One page of a folder's entries, sorted by name: at most {@code limit} whose names sort after
   * {@code after}.
   *
   * @throws CellException {@code invalid_limit}, {@code not_found}, {@code not_a_directory}
   */
  FilePage list(String path, java.util.Optional<String> after, int limit);

  Memory memory();

  /** The cell's code index: index, search and grep over {@code work/}. */
  CellSearch search();

  /**
   * Serves the cell's repository (the host's mirror of it: the branches the cell pushed and the
   * upstream's as last fetched) over git's smart HTTP, for editors and CI. Fetch and clone always;
   * push only when the customer's config has {@code "git": {"acceptPush": true}}, and then into the
   * mirror only (the cell sees it on its next fetch; nothing goes upstream).
   *
   * @throws IOException when the client went away
   */
  void serveGit(dev.oncell.git.GitRequest request, dev.oncell.git.GitResponse response)
      throws java.io.IOException;

  /**
   * A page of a listing.
   *
   * @param next the name to pass as {@code after} for the next page; empty on the last page
   * @param unreadable how many entries have names that are not UTF-8 and cannot be listed
   */
  record FilePage(
      java.util.List<dev.oncell.agent.FileEntry> entries,
      java.util.Optional<String> next,
      int unreadable) {}

  /** The largest {@code limit} of {@link #list}. */
  int MAX_LIST_PAGE = 10_000;

  /** A file's bytes as a stream. The caller closes it. */
  record FileContent(InputStream stream, long size) {}
}
