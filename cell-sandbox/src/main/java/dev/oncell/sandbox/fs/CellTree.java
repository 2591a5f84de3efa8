package dev.oncell.sandbox.fs;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Walks a tree of a cell through directory descriptors ({@link CellDir}), never following a
 * symbolic link and never building a path longer than the tree's depth: the index walk, the disk
 * usage walk and listings all go through here. Depth is bounded ({@link #MAX_DEPTH}); what lies
 * deeper is counted, not walked, so a hostile tree costs at most one descriptor per level walked.
 */
public final class CellTree {

  /** Deeper folders are skipped (and counted); a real repository is nowhere near this deep. */
  public static final int MAX_DEPTH = 256;

  /** What a walk is told, depth first, names in sorted order. */
  public interface Visitor {
    /**
     * A directory about to be walked (the start included, with the path it was given).
     *
     * @return false to skip what is in it
     */
    default boolean enter(String path, CellDir dir) throws IOException {
      return true;
    }

    /** A directory walked. */
    default void leave(String path) {}

    /**
     * Every entry that is not a directory to walk: files, links, FIFOs, sockets, and directories
     * that {@link #descend} refused.
     */
    void entry(String path, FileStat stat, CellDir parent, String name) throws IOException;

    /** Whether to walk the directory {@code path}; else it is reported to {@link #entry}. */
    default boolean descend(String path, FileStat stat) {
      return true;
    }

    /** An entry that vanished or could not be opened while walking (a command changed the tree). */
    default void failed(String path, IOException e) {}
  }

  /** What a walk met without walking it. */
  public record Result(int tooDeep, int unreadableNames) {}

  private CellTree() {}

  /** Walks {@code start} (a directory relative to {@code root}). */
  public static Result walk(CellDir root, String start, Visitor visitor) throws IOException {
    int[] counts = new int[2];
    try (CellDir top = root.openDir(start)) {
      String startPath = String.join("/", CellDir.names(start));
      walk(top, startPath, 0, visitor, counts);
    }
    return new Result(counts[0], counts[1]);
  }

  private static void walk(CellDir dir, String path, int depth, Visitor visitor, int[] counts)
      throws IOException {
    // An explicit stack keeps the Java stack flat however deep the cell's tree is.
    record Frame(CellDir dir, String path, int depth, Deque<String> pending) {}
    Deque<Frame> stack = new ArrayDeque<>();
    CellDir first = dir;
    if (!visitor.enter(path, dir)) {
      visitor.leave(path);
      return;
    }
    stack.push(new Frame(first, path, depth, sortedNames(dir, counts)));
    try {
      while (!stack.isEmpty()) {
        Frame frame = stack.peek();
        String name = frame.pending().poll();
        if (name == null) {
          stack.pop();
          visitor.leave(frame.path());
          if (frame.dir() != first) {
            frame.dir().close();
          }
          continue;
        }
        String child = frame.path().isEmpty() ? name : frame.path() + "/" + name;
        Optional<FileStat> stat;
        try {
          stat = frame.dir().stat(name);
        } catch (IOException e) {
          visitor.failed(child, e);
          continue;
        }
        if (stat.isEmpty()) {
          continue;
        }
        if (!stat.get().isDirectory() || !visitor.descend(child, stat.get())) {
          visitor.entry(child, stat.get(), frame.dir(), name);
          continue;
        }
        if (frame.depth() + 1 > MAX_DEPTH) {
          counts[0]++;
          continue;
        }
        CellDir sub;
        try {
          sub = frame.dir().openDir(name);
        } catch (IOException e) {
          visitor.failed(child, e);
          continue;
        }
        boolean walkIt;
        try {
          walkIt = visitor.enter(child, sub);
        } catch (IOException | RuntimeException e) {
          sub.close();
          throw e;
        }
        if (!walkIt) {
          visitor.leave(child);
          sub.close();
          continue;
        }
        Deque<String> names;
        try {
          names = sortedNames(sub, counts);
        } catch (IOException e) {
          sub.close();
          visitor.failed(child, e);
          continue;
        }
        stack.push(new Frame(sub, child, frame.depth() + 1, names));
      }
    } finally {
      for (Frame f : stack) {
        if (f.dir() != first) {
          f.dir().close();
        }
      }
    }
  }

  private static Deque<String> sortedNames(CellDir dir, int[] counts) throws IOException {
    CellDir.Listing listing = dir.list();
    counts[1] += listing.unreadable();
    List<String> names = new ArrayList<>(listing.names());
    Collections.sort(names);
    return new ArrayDeque<>(names);
  }
}
