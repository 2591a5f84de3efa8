package dev.oncell.runtime.internal.egress;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;

/**
 * A {@link Socket} face on a connected unix-domain {@link SocketChannel}, whose own {@code
 * socket()} adaptor is not supported: {@code SSLSocketFactory.createSocket(Socket, host, port,
 * autoClose)} layers TLS over any connected {@code Socket}, and so over a tunnel through the cell's
 * egress proxy. Only what such a layer uses is implemented: the streams, close and the state
 * checks. Read timeouts are not: the download's deadline closes the channel instead.
 */
final class ChannelSocket extends Socket {

  private final SocketChannel channel;
  private final InputStream in;
  private final OutputStream out;

  ChannelSocket(SocketChannel channel) {
    this.channel = channel;
    this.in = Channels.newInputStream(channel);
    this.out = Channels.newOutputStream(channel);
  }

  @Override
  public InputStream getInputStream() {
    return in;
  }

  @Override
  public OutputStream getOutputStream() {
    return out;
  }

  @Override
  public boolean isConnected() {
    return channel.isConnected();
  }

  @Override
  public boolean isClosed() {
    return !channel.isOpen();
  }

  @Override
  public boolean isInputShutdown() {
    return !channel.isOpen();
  }

  @Override
  public boolean isOutputShutdown() {
    return !channel.isOpen();
  }

  @Override
  public void shutdownOutput() throws IOException {
    channel.shutdownOutput();
  }

  @Override
  public void shutdownInput() throws IOException {
    channel.shutdownInput();
  }

  @Override
  public void setSoTimeout(int timeout) {
    // The download's deadline closes the channel; a per-read timeout is not needed on top of it.
  }

  @Override
  public int getSoTimeout() {
    return 0;
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }
}
