package dev.oncell.lsp;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.jsonrpc.Endpoint;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageIssueException;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.services.ServiceEndpoints;

/**
 * LSP4J's launcher over whole messages instead of a byte stream: a WebSocket carries one JSON-RPC
 * message per text message, with no {@code Content-Length} header (as vscode-ws-jsonrpc and LSP4J's
 * own {@code lsp4j.websocket.jakarta} do). Built the way that module's {@code
 * WebSocketLauncherBuilder} is: the outgoing {@link MessageConsumer} serializes each message and
 * hands the text to {@code sender}; {@link Connection#receive} parses each incoming text and feeds
 * it to the remote endpoint, on the caller's thread. No reader thread, no re-framing.
 *
 * @param <T> the remote side's interface
 */
final class MessageLauncher<T> extends Launcher.Builder<T> {

  private static final Logger LOG = Logger.getLogger(MessageLauncher.class.getName());

  private final Consumer<String> sender;

  private MessageLauncher(Consumer<String> sender) {
    this.sender = Objects.requireNonNull(sender, "sender");
  }

  /**
   * Connects {@code localService} to a remote {@code remoteInterface}; each outgoing message goes
   * to {@code sender}, serialized (one text message each).
   */
  static <T> Connection<T> connect(
      Object localService, Class<T> remoteInterface, Consumer<String> sender) {
    MessageLauncher<T> builder = new MessageLauncher<>(sender);
    builder.configureGson(AnnotatedEdits::register);
    builder.setLocalService(localService);
    builder.setRemoteInterface(remoteInterface);
    return builder.connect();
  }

  /**
   * The two directions of a connection.
   *
   * @param remote the proxy that calls the other side
   * @param receive takes each whole message the other side sent
   */
  record Connection<T>(T remote, Consumer<String> receive) {}

  /** Builds the connection; nothing runs until a message is received or sent. */
  private Connection<T> connect() {
    MessageJsonHandler json = createJsonHandler();
    RemoteEndpoint endpoint = createRemoteEndpoint(json);
    MessageConsumer incoming = wrapMessageConsumer(endpoint);
    Consumer<String> receive =
        text -> {
          try {
            incoming.consume(json.parseMessage(text));
          } catch (MessageIssueException e) {
            // A message that parsed but is not valid: answered with an error if it was a request.
            endpoint.handle(e.getRpcMessage(), e.getIssues());
          } catch (RuntimeException e) {
            // Not JSON-RPC at all (no id to answer): dropped, the connection goes on.
            LOG.log(Level.FINE, "dropped a message that is not JSON-RPC", e);
          }
        };
    return new Connection<>(createProxy(endpoint), receive);
  }

  @Override
  protected RemoteEndpoint createRemoteEndpoint(MessageJsonHandler json) {
    Consumer<String> out = sender;
    MessageConsumer outgoing = wrapMessageConsumer(message -> out.accept(json.serialize(message)));
    Endpoint local = ServiceEndpoints.toEndpoint(localServices);
    RemoteEndpoint endpoint =
        exceptionHandler == null
            ? new RemoteEndpoint(outgoing, local)
            : new RemoteEndpoint(outgoing, local, exceptionHandler);
    json.setMethodProvider(endpoint);
    endpoint.setJsonHandler(json);
    return endpoint;
  }
}
