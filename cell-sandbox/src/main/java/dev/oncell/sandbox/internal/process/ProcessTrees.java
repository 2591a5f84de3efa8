package dev.oncell.sandbox.internal.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds and kills every host process of one command, including those that left its tree. */
final class ProcessTrees {

  /** The environment variable that tags every process of one unisolated command. */
  static final String TAG_VARIABLE = "ONCELL_EXEC_TAG";

  private static final Path PROC = Path.of("/proc");

  private ProcessTrees() {}

  static void kill(Process root, String tag) {
    // Repeat: a process may fork while we sweep. Three rounds reach a fixed point in practice.
    for (int round = 0; round < 3; round++) {
      List<ProcessHandle> victims = new ArrayList<>();
      root.descendants().forEach(victims::add);
      victims.addAll(tagged(tag));
      if (root.isAlive()) {
        victims.add(root.toHandle());
      }
      if (victims.isEmpty()) {
        return;
      }
      victims.forEach(ProcessHandle::destroyForcibly);
    }
  }

  /** Processes whose environment carries {@code ONCELL_EXEC_TAG=tag}. */
  private static List<ProcessHandle> tagged(String tag) {
    byte[] needle = (TAG_VARIABLE + "=" + tag).getBytes(StandardCharsets.UTF_8);
    List<ProcessHandle> found = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
      for (Path entry : entries) {
        try {
          byte[] environ = Files.readAllBytes(entry.resolve("environ"));
          if (contains(environ, needle)) {
            ProcessHandle.of(Long.parseLong(entry.getFileName().toString())).ifPresent(found::add);
          }
        } catch (IOException | NumberFormatException e) {
          // Gone already, or not ours to read.
        }
      }
    } catch (IOException e) {
      // No /proc: only the descendants we know of can be killed.
    }
    return found;
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (i > 0 && haystack[i - 1] != 0) {
        continue;
      }
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
