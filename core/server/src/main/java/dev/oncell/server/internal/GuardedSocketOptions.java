package dev.oncell.server.internal;

import io.helidon.common.socket.SocketOptions;
import java.net.SocketOption;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Helidon's default options for accepted sockets, plus one hook: Helidon configures every socket it
 * accepts through {@link #configureSocket(SocketChannel)}, which is where the {@link
 * ConnectionGuard} learns of it.
 */
final class GuardedSocketOptions implements SocketOptions {

  private final SocketOptions delegate;
  private final ConnectionGuard guard;

  GuardedSocketOptions(SocketOptions delegate, ConnectionGuard guard) {
    this.delegate = delegate;
    this.guard = guard;
  }

  @Override
  public void configureSocket(SocketChannel socket) {
    delegate.configureSocket(socket);
    guard.accepted(socket);
  }

  @Override
  public Map<SocketOption<?>, Object> socketOptions() {
    return delegate.socketOptions();
  }

  @Override
  public Duration connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Duration readTimeout() {
    return delegate.readTimeout();
  }

  @Override
  public Optional<Integer> socketReceiveBufferSize() {
    return delegate.socketReceiveBufferSize();
  }

  @Override
  public Optional<Integer> socketSendBufferSize() {
    return delegate.socketSendBufferSize();
  }

  @Override
  public boolean socketReuseAddress() {
    return delegate.socketReuseAddress();
  }

  @Override
  public boolean socketKeepAlive() {
    return delegate.socketKeepAlive();
  }

  @Override
  public boolean tcpNoDelay() {
    return delegate.tcpNoDelay();
  }
}
