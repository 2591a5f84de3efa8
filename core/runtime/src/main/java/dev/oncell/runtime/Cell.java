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

  Memory memory();

  /** The cell's code index: index, search and grep over {@code work/}. */
  CellSearch search();

  /** A file's bytes as a stream. The caller closes it. */
  record FileContent(InputStream stream, long size) {}
}
