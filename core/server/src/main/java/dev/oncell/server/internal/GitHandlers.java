package dev.oncell.server.internal;

import dev.oncell.git.GitRequest;
import dev.oncell.runtime.Cell;
import dev.oncell.runtime.Host;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /v1/customers/:id/git/}: the cell's repository over git's smart HTTP, so {@code git clone
 * http://host/v1/customers/acme/git/} gets the agent's branches. Git sends the API key as the
 * password of HTTP Basic authentication (see {@link AuthFilter}); the cell decides whether pushes
 * are accepted ({@link Cell#serveGit}).
 */
final class GitHandlers {

  private final Host host;

  GitHandlers(Host host) {
    this.host = host;
  }

  void serve(ServerRequest req, ServerResponse res) {
    Cell cell = host.cells().cell(CustomerHandlers.id(req));
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Header h : req.headers()) {
      headers.computeIfAbsent(h.name(), k -> new ArrayList<>()).addAll(h.allValues());
    }
    GitRequest request =
        new GitRequest(
            req.prologue().method().text(),
            req.path().path(),
            req.query().rawValue(),
            headers,
            req.content().inputStream());
    try {
      cell.serveGit(
          request,
          (status, answerHeaders) -> {
            res.status(Status.create(status));
            answerHeaders.forEach(
                (name, value) -> {
                  if (!name.equalsIgnoreCase("content-length")) {
                    res.header(HeaderNames.create(name), value);
                  }
                });
            return res.outputStream();
          });
    } catch (IOException e) {
      throw new UncheckedIOException("the git client went away", e);
    }
  }
}
