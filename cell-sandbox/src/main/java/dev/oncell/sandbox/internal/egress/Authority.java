package dev.oncell.sandbox.internal.egress;

import dev.oncell.sandbox.http.HttpHead;
import java.util.OptionalInt;

/** The {@code host:port} of a CONNECT target or an absolute URL; IPv6 hosts in brackets. */
record Authority(String host, int port) {

  /**
   * Parses {@code host:port}, {@code [v6]:port}, or without the port when a default is given.
   *
   * @throws Malformed (400) saying what is wrong
   */
  static Authority parse(String text, OptionalInt defaultPort) throws Malformed {
    String host;
    String port;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw new Malformed(400, "unclosed '[' in " + HttpHead.shorten(text));
      }
      host = text.substring(0, close + 1);
      String rest = text.substring(close + 1);
      if (!rest.isEmpty() && !rest.startsWith(":")) {
        throw new Malformed(400, "unexpected text after ']' in " + HttpHead.shorten(text));
      }
      port = rest.isEmpty() ? "" : rest.substring(1);
    } else {
      int colon = text.lastIndexOf(':');
      if (colon >= 0 && text.indexOf(':') != colon) {
        throw new Malformed(400, "an IPv6 host must be in brackets: " + HttpHead.shorten(text));
      }
      host = colon < 0 ? text : text.substring(0, colon);
      port = colon < 0 ? "" : text.substring(colon + 1);
    }
    if (host.isEmpty() || host.contains("@")) {
      throw new Malformed(400, "not a host: " + HttpHead.shorten(text));
    }
    if (port.isEmpty()) {
      if (defaultPort.isEmpty()) {
        throw new Malformed(400, "CONNECT needs host:port, got " + HttpHead.shorten(text));
      }
      return new Authority(host, defaultPort.getAsInt());
    }
    if (!port.matches("[0-9]{1,5}")
        || Integer.parseInt(port) < 1
        || Integer.parseInt(port) > 65535) {
      throw new Malformed(400, "not a port: " + HttpHead.shorten(port));
    }
    return new Authority(host, Integer.parseInt(port));
  }
}
