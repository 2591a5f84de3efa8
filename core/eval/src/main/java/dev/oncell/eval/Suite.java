package dev.oncell.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oncell.cli.CliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A suite on disk: a folder with one sub-folder per task (name order), each holding a {@code
 * task.json} and the task's files. Everything is checked before the first task runs, so a bad suite
 * fails with a message naming the file and starts nothing. The format is in {@code eval/README.md}.
 */
final class Suite {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final String NAME = "[a-z0-9][a-z0-9-]{0,40}";

  private Suite() {}

  /**
   * The task folders of {@code suite}, in name order, only those of {@code only} if it is given.
   */
  static List<Path> tasks(Path suite, List<String> only) {
    if (!Files.isDirectory(suite)) {
      throw invalid("--suite " + suite + " is not a folder");
    }
    List<Path> dirs;
    try (Stream<Path> list = Files.list(suite)) {
      dirs = list.filter(p -> Files.isRegularFile(p.resolve("task.json"))).sorted().toList();
    } catch (IOException e) {
      throw invalid("cannot list " + suite + ": " + e.getMessage());
    }
    for (Path dir : dirs) {
      if (!dir.getFileName().toString().matches(NAME)) {
        throw invalid("task folder " + dir + ": names are " + NAME + " (it names the customer)");
      }
    }
    if (!only.isEmpty()) {
      Set<String> names = Set.copyOf(dirs.stream().map(d -> d.getFileName().toString()).toList());
      for (String name : only) {
        if (!names.contains(name)) {
          throw invalid("--task " + name + ": no such task in " + suite);
        }
      }
      dirs = dirs.stream().filter(d -> only.contains(d.getFileName().toString())).toList();
    }
    if (dirs.isEmpty()) {
      throw invalid(suite + " holds no task (a folder with a task.json)");
    }
    return dirs;
  }

  static JsonNode taskJson(Path dir) {
    Path file = dir.resolve("task.json");
    try {
      JsonNode node = JSON.readTree(file.toFile());
      if (node == null || !node.isObject()) {
        throw invalid(file + ": a JSON object expected");
      }
      return node;
    } catch (IOException e) {
      throw invalid(file + ": " + e.getMessage());
    }
  }

  static String text(JsonNode task, String field, Path dir) {
    JsonNode v = task.path(field);
    if (!v.isTextual() || v.asText().isBlank()) {
      throw invalid(dir.resolve("task.json") + ": \"" + field + "\" (text) is required");
    }
    return v.asText();
  }

  /** Every regular file under {@code dir} (path with '/' to UTF-8 text); symbolic links refused. */
  static Map<String, String> files(Path dir, boolean required) {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      if (required) {
        throw invalid(dir + " is missing (the task's files)");
      }
      return Map.of();
    }
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted().toList()) {
        if (Files.isSymbolicLink(p)) {
          throw invalid(p + " is a symbolic link; a task holds plain files");
        }
        if (Files.isRegularFile(p)) {
          String rel = dir.relativize(p).toString().replace('\\', '/');
          files.put(rel, Files.readString(p, StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw invalid("cannot read " + dir + ": " + e.getMessage());
    }
    if (required && files.isEmpty()) {
      throw invalid(dir + " holds no file");
    }
    return files;
  }

  /**
   * The recorded answers of {@code task} under {@code dir}: {@code <task>.json} = {@code
   * {"answers": [...]}}; a string is sent as it is, anything else as its JSON (a structured
   * answer).
   */
  static List<String> answers(Path dir, String task) {
    Path file = dir.resolve(task + ".json");
    if (!Files.isRegularFile(file)) {
      throw invalid("no recorded answers for task " + task + ": " + file + " is missing");
    }
    try {
      JsonNode answers = JSON.readTree(file.toFile()).path("answers");
      if (!answers.isArray()) {
        throw invalid(file + ": {\"answers\": [...]} expected");
      }
      List<String> out = new ArrayList<>();
      answers.forEach(a -> out.add(a.isTextual() ? a.asText() : a.toString()));
      return out;
    } catch (IOException e) {
      throw invalid(file + ": " + e.getMessage());
    }
  }

  static CliException invalid(String message) {
    return new CliException(message, "invalid_suite", 2);
  }
}
