package dev.oncell.runtime.internal.cell;

import dev.oncell.runtime.HostConfig;
import dev.oncell.runtime.internal.llm.LlmService;
import dev.oncell.runtime.internal.mirror.CredentialLookup;
import dev.oncell.runtime.internal.store.ControlPlane;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/** What every cell shares with the host. */
public record CellEnvironment(
    HostConfig config,
    ControlPlane controlPlane,
    CellProfiles profiles,
    SharedEmbedder embedder,
    LlmService llm,
    SearchPool searchPool,
    CredentialLookup gitCredentials) {

  Clock clock() {
    return config.clock();
  }

  /** Appends one line to the cell's log. Logging never fails a call. */
  void log(CellPaths paths, String event) {
    try {
      Files.writeString(
          paths.log(),
          clock().instant() + " " + event + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      // The cell goes on without its log line.
    }
  }
}
