package dev.oncell.bench;

import dev.oncell.bench.BenchTimer.Row;
import dev.oncell.client.OncellClient;
import dev.oncell.lsp.OncellEditor;
import dev.oncell.lsp.OncellLsp;
import dev.oncell.lsp.OncellProtocol;
import dev.oncell.runtime.Host;
import dev.oncell.runtime.HostConfig;
import dev.oncell.server.OncellServer;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.WorkspaceSymbolParams;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.services.LanguageServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code oncell bench lsp}: latency of the language server's requests, as an editor sees them: an
 * LSP4J client on pipes, the language server, the HTTP API on loopback, a cell holding a generated
 * repository (10,000 files by default), indexed.
 */
@Command(
    name = "lsp",
    description = {
      "Measure p50/p99 of oncell/readFile, oncell/stat and workspace/symbol through the language",
      "server, against its own server on loopback and a generated, indexed repository."
    })
final class LspBenchCommand implements Callable<Integer> {

  /** What the benchmark's editor sees of the server. */
  interface Remote extends LanguageServer, OncellProtocol {}

  @Spec CommandSpec spec;

  @Option(names = "--files", defaultValue = "10000", description = "Files (default 10000).")
  int files;

  @Option(names = "--calls", defaultValue = "200", description = "Calls per request (default 200).")
  int calls;

  @Option(names = "--warmup", defaultValue = "30", description = "Untimed calls (default 30).")
  int warmup;

  @Option(
      names = "--sandbox",
      defaultValue = "bubblewrap",
      description = "Sandbox backend (default bubblewrap).")
  String sandbox;

  @Override
  public Integer call() throws Exception {
    for (String name : List.of("org.flywaydb", "io.helidon", "org.pf4j", "org.apache.lucene")) {
      Logger.getLogger(name).setLevel(Level.WARNING);
    }
    PrintWriter out = spec.commandLine().getOut();
    Path home = Files.createTempDirectory("oncell-bench-lsp-");
    String key = "bench-operator-key-" + System.nanoTime();
    try (Host host = Host.open(HostConfig.defaults(home).withSandbox(sandbox))) {
      host.apiKeys().bootstrapOperatorKey(Optional.of(key));
      try (OncellServer server = OncellServer.builder(host).port(0).build().start();
          OncellClient client = OncellClient.create(URI.create(server.url()), key)) {
        client.customers().create("bench");
        SyntheticRepo repo = new SyntheticRepo(42, 10);
        long bytes = repo.write(home.resolve("cells/bench/work"), files);
        long indexStart = System.nanoTime();
        client.search("bench").index("/work");
        double indexSeconds = (System.nanoTime() - indexStart) / 1e9;
        List<Row> rows = measure(client, repo);
        out.printf(
            "oncell bench lsp: %d files (%.1f MB, indexed in %.1f s), %d calls each after %d"
                + " warm-up, %d cores, Java %s%n%n",
            files,
            bytes / 1e6,
            indexSeconds,
            calls,
            warmup,
            Runtime.getRuntime().availableProcessors(),
            Runtime.version());
        out.printf("%-34s %6s %8s %8s %8s%n", "REQUEST", "CALLS", "P50 MS", "P99 MS", "MEAN MS");
        for (Row row : rows) {
          out.printf(
              "%-34s %6d %8.2f %8.2f %8.2f%n",
              row.name(), row.calls(), row.p50(), row.p99(), row.mean());
        }
        out.flush();
      }
    } finally {
      BenchCommand.deleteTree(home);
    }
    return 0;
  }

  private List<Row> measure(OncellClient client, SyntheticRepo repo) throws Exception {
    Pipe toServer = Pipe.open();
    Pipe toEditor = Pipe.open();
    OncellLsp.Running running =
        OncellLsp.start(
            client,
            "bench",
            Channels.newInputStream(toServer.source()),
            Channels.newOutputStream(toEditor.sink()));
    try {
      Launcher<Remote> launcher =
          new Launcher.Builder<Remote>()
              .setLocalService(new QuietEditor())
              .setRemoteInterface(Remote.class)
              .setInput(Channels.newInputStream(toEditor.source()))
              .setOutput(Channels.newOutputStream(toServer.sink()))
              .setExecutorService(
                  Executors.newCachedThreadPool(
                      Thread.ofPlatform().name("bench-editor-", 0).daemon().factory()))
              .create();
      launcher.startListening();
      Remote lsp = launcher.getRemoteProxy();
      InitializeParams init = new InitializeParams();
      init.setCapabilities(new ClientCapabilities());
      await(lsp.initialize(init));

      List<SyntheticRepo.Function> functions = repo.functions();
      BenchTimer timer = new BenchTimer(calls, warmup);
      int[] i = {0};
      List<Row> rows = new ArrayList<>();
      rows.add(
          timer.measure(
              "oncell/readFile",
              () -> await(lsp.readFile(new OncellProtocol.PathParams(pick(functions, i).path())))));
      rows.add(
          timer.measure(
              "oncell/stat",
              () -> await(lsp.stat(new OncellProtocol.PathParams(pick(functions, i).path())))));
      rows.add(
          timer.measure(
              "workspace/symbol",
              () ->
                  await(
                      lsp.getWorkspaceService()
                          .symbol(new WorkspaceSymbolParams(pick(functions, i).name())))));
      return rows;
    } finally {
      running.server().close();
      toServer.sink().close();
      toEditor.sink().close();
    }
  }

  private static SyntheticRepo.Function pick(List<SyntheticRepo.Function> functions, int[] i) {
    return functions.get((int) ((i[0]++ * 7919L) % functions.size()));
  }

  private static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("request failed: " + e.getMessage(), e);
    }
  }

  /** An editor that ignores what the server tells it. */
  private static final class QuietEditor implements OncellEditor {
    @Override
    public void fileChanged(FileChanged params) {}

    @Override
    public void telemetryEvent(Object object) {}

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams params) {}

    @Override
    public void showMessage(MessageParams params) {}

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(
        ShowMessageRequestParams params) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams params) {}
  }
}
