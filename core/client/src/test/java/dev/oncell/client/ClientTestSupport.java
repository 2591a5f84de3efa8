package dev.oncell.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A canned server and a client pointed at it, fresh for every test. */
abstract class ClientTestSupport {

  static final String KEY = "test-key-123";

  static final String ACME =
      """
      {"id": "acme", "state": "ACTIVE", "agent": null, "env": "production",
       "config": {"plan": "pro"}, "setupRunId": null, "error": null,
       "createdAt": "2026-11-22T04:00:00Z", "lastActiveAt": "2026-11-22T05:30:00Z"}
      """;

  CannedServer server;
  OncellClient client;

  @BeforeEach
  void startServer() throws Exception {
    server = CannedServer.start();
    client = OncellClient.create(server.url(), KEY);
  }

  @AfterEach
  void stopServer() {
    client.close();
    server.close();
  }
}
