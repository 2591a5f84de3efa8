package dev.oncell.lsp;

import dev.oncell.client.OncellClient;
import dev.oncell.runtime.Host;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.server.OncellServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * A real oncell server on a loopback port, the language server on piped streams in front of it, and
 * a {@link TestEditor} talking to it through LSP4J, as an editor would.
 */
final class LspSession implements AutoCloseable {

  static final String KEY = "test-operator-key-0123456789";

  /** What the editor sees of the server: standard LSP plus {@code oncell/}. */
  interface RemoteServer extends LanguageServer, OncellProtocol {}

  final Host host;
  final OncellServer api;
  final OncellClient client;
  final TestEditor editor = new TestEditor();
  final RemoteServer server;
  private final OncellLsp.Running running;
  private final Pipe toServer;
  private final Pipe toEditor;

  LspSession(TestHost oncell, String customer) {
    this.host = oncell.isOpen() ? oncell.host() : oncell.open();
    host.apiKeys().bootstrapOperatorKey(Optional.of(KEY));
    this.api = OncellServer.builder(host).port(0).build().start();
    this.client = OncellClient.create(URI.create(api.url()), KEY);
    try {
      toServer = Pipe.open();
      toEditor = Pipe.open();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    running =
        OncellLsp.start(
            client,
            customer,
            Channels.newInputStream(toServer.source()),
            Channels.newOutputStream(toEditor.sink()));
    // Tests check changed files themselves (checkFiles, after runs); FileWatchTest turns it on.
    running.server().watchInterval(java.time.Duration.ZERO);
    Launcher<RemoteServer> launcher =
        new Launcher.Builder<RemoteServer>()
            .setLocalService(editor)
            .setRemoteInterface(RemoteServer.class)
            .setInput(Channels.newInputStream(toEditor.source()))
            .setOutput(Channels.newOutputStream(toServer.sink()))
            .setExecutorService(
                Executors.newCachedThreadPool(
                    Thread.ofPlatform().name("test-editor-", 0).daemon().factory()))
            .create();
    launcher.startListening();
    server = launcher.getRemoteProxy();
  }

  @Override
  public void close() {
    running.server().close();
    try {
      toServer.sink().close();
      toEditor.sink().close();
    } catch (IOException e) {
      // closing anyway
    }
    client.close();
    api.close();
  }
}
