package dev.oncell.runtime.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.runtime.internal.journal.JournalEntry;
import dev.oncell.runtime.internal.journal.JournalFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same requests hash the same in every JVM: child JVMs from the same java binary and class
 * path, each with its own {@code Map.of} salt (one per JVM start), identity hash mode ({@code
 * -XX:hashCode}, which orders a {@code HashSet} of enums), default charset, locale and time zone,
 * print the hashes {@link RunContext} would journal. Format-1 hashing fails this: the children are
 * started until two of them iterate a {@code Map.of} differently, and their format-1 hashes of it
 * are checked to differ, so the test shows the JVM dependence it guards against.
 */
class RequestHashAcrossJvmsTest {

  private static final List<List<String>> FLAVOURS =
      List.of(
          List.of("-XX:hashCode=5", "-Duser.language=en", "-Duser.timezone=UTC"),
          List.of(
              "-XX:hashCode=2",
              "-Dfile.encoding=ISO-8859-1",
              "-Duser.language=tr",
              "-Duser.country=TR",
              "-Duser.timezone=Pacific/Kiritimati"),
          List.of("-XX:hashCode=0", "-Duser.language=de", "-Duser.timezone=America/St_Johns"),
          List.of("-XX:hashCode=3", "-Dfile.encoding=US-ASCII", "-Duser.language=ja"),
          List.of("-XX:hashCode=4", "-Duser.language=ar", "-Duser.timezone=Asia/Kathmandu"),
          List.of("-XX:hashCode=1", "-Duser.language=hi"));

  @TempDir Path tmp;

  record Child(String order, Map<String, String> canonical, Map<String, String> legacy) {}

  private static Child run(List<String> flags) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElseThrow());
    command.add("-XX:+UnlockExperimentalVMOptions");
    command.addAll(flags);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(RequestHashChild.class.getName());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("child %s ended", flags).isTrue();
    assertThat(process.exitValue()).as("child %s: %s", flags, output).isZero();
    String order = "";
    Map<String, String> canonical = new LinkedHashMap<>();
    Map<String, String> legacy = new LinkedHashMap<>();
    for (String line : output.strip().split("\n")) {
      String[] parts = line.split(" ");
      switch (parts[0]) {
        case "order" -> order = parts[1];
        case "canonical" -> canonical.put(parts[1], parts[2]);
        case "legacy" -> legacy.put(parts[1], parts[2]);
        default -> {} // JVM warnings
      }
    }
    assertThat(canonical).as("child %s printed its hashes: %s", flags, output).hasSize(5);
    return new Child(order, canonical, legacy);
  }

  @Test
  void childJvmsWithDifferentSaltsHashTheSameRequestsAlike() throws Exception {
    List<Child> children = new ArrayList<>();
    Set<String> orders = new LinkedHashSet<>();
    // Every flavour once, then more until two JVMs iterated Map.of in different orders.
    for (int i = 0; i < FLAVOURS.size() + 10 && (i < FLAVOURS.size() || orders.size() < 2); i++) {
      Child child = run(FLAVOURS.get(i % FLAVOURS.size()));
      children.add(child);
      orders.add(child.order());
    }
    assertThat(orders)
        .as("some two of %d child JVMs iterated the same Map.of differently", children.size())
        .hasSizeGreaterThan(1);

    Map<String, String> here;
    try (RunJournal journal =
        new RunJournal(
            JournalFile.open(tmp.resolve("j.log")),
            RequestHashChild.AGENT_MAPPER,
            Clock.systemUTC())) {
      here = new LinkedHashMap<>();
      for (var request : RequestHashChild.requests().entrySet()) {
        here.put(
            request.getKey(),
            journal
                .hash("stream", request.getKey(), request.getValue(), JournalEntry.HASH_CANONICAL)
                .value());
      }
    }
    for (Child child : children) {
      assertThat(child.canonical())
          .as("a JVM iterating Map.of as %s hashes every request as this one does", child.order())
          .isEqualTo(here);
    }

    // Format 1 hashed the iteration order: the JVMs that iterated differently disagree.
    Child first = children.getFirst();
    Child other =
        children.stream().filter(c -> !c.order().equals(first.order())).findFirst().orElseThrow();
    assertThat(other.legacy().get("stream-map-of"))
        .as(
            "format-1 hashes of a Map.of depend on the JVM (%s vs %s)",
            first.order(), other.order())
        .isNotEqualTo(first.legacy().get("stream-map-of"));
  }
}
