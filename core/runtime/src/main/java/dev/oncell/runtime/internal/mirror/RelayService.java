package dev.oncell.runtime.internal.mirror;

import dev.oncell.git.GitRelay;
import dev.oncell.git.GitRequest;
import dev.oncell.sandbox.InternalService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** A {@link GitRelay} as an {@link InternalService} of a cell's egress proxy, under one path. */
final class RelayService implements InternalService {

  private final Supplier<GitRelay> relay;
  private final String prefix;

  RelayService(Supplier<GitRelay> relay, String prefix) {
    this.relay = relay;
    this.prefix = prefix;
  }

  @Override
  public void serve(Request request, Response response) throws IOException {
    if (!request.path().startsWith(prefix)) {
      byte[] body =
          ("no repository at " + request.path() + "; use " + CellRepository.RELAY_URL + "\n")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      response
          .start(
              404,
              Map.of(
                  "Content-Type",
                  "text/plain; charset=utf-8",
                  "Content-Length",
                  String.valueOf(body.length)))
          .write(body);
      return;
    }
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Field f : request.headers()) {
      headers.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(f.value());
    }
    relay
        .get()
        .handle(
            new GitRequest(
                request.method(), request.path(), request.query(), headers, request.body()),
            response::start);
  }
}
