package dev.oncell.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code oncell serve} as a real child JVM on a free loopback port, for tests that kill it. All its
 * output is kept in {@link #output()}, also what it prints after the listening line.
 */
record ChildServer(Process process, String url, List<String> output) implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

  static ChildServer start(Path stateHome, Path userHome, Map<String, String> env)
      throws IOException {
    String java = ProcessHandle.current().info().command().orElseThrow();
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "-Duser.home=" + userHome,
                "dev.oncell.cli.Main",
                "serve",
                "--port",
                "0")
            .redirectErrorStream(true);
    builder.environment().put("ONCELL_HOME", stateHome.toString());
    builder.environment().remove("ONCELL_API_KEY");
    builder.environment().remove("ONCELL_EXAMPLE_AGENTS");
    builder.environment().putAll(env);
    Process process = builder.start();
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    List<String> output = new CopyOnWriteArrayList<>();
    String line;
    while ((line = reader.readLine()) != null) {
      output.add(line);
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        if (!env.containsKey("ONCELL_API_KEY")) {
          output.add(reader.readLine()); // the key line follows
        }
        Thread.ofVirtual().start(() -> drain(reader, output));
        return new ChildServer(process, m.group(1), output);
      }
    }
    throw new AssertionError("server exited before listening: " + output);
  }

  private static void drain(BufferedReader reader, List<String> output) {
    try {
      String line;
      while ((line = reader.readLine()) != null) {
        output.add(line);
      }
    } catch (IOException e) {
      // the process is gone
    }
  }

  /** SIGKILL: no shutdown hook, no flush, nothing. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the server did not die");
    }
  }

  /**
   * SIGTERM, so the server stops its cells' sandboxes (a gVisor sandbox outlives a SIGKILLed server
   * until the next server on that home sweeps it); SIGKILL if it does not stop in time.
   */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
