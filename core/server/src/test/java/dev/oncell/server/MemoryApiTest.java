package dev.oncell.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.server.RunningServer.Reply;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MemoryApiTest {

  @RegisterExtension final TestHost oncell = TestHost.create();
  private final Path home = oncell.home();
  private RunningServer api;

  @BeforeEach
  void start() {
    api = new RunningServer(oncell);
    api.post("/v1/customers", "{\"id\":\"acme\"}");
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void setGetKeysDeleteAnyJsonValue() {
    String[] values = {"{\"a\":[1,2,{\"b\":null}]}", "\"text\"", "3.5", "true", "null", "[]"};
    for (int i = 0; i < values.length; i++) {
      Reply put = api.put("/v1/customers/acme/memory/k" + i, values[i]);
      assertThat(put.status()).as(values[i]).isEqualTo(200);
      Reply get = api.get("/v1/customers/acme/memory/k" + i);
      assertThat(get.json().get("key").asText()).isEqualTo("k" + i);
      assertThat(get.json().get("value").toString()).isEqualTo(values[i]);
    }
    api.put("/v1/customers/acme/memory/user%2Fprefs", "1");
    assertThat(api.get("/v1/customers/acme/memory").json().get("keys").toString())
        .isEqualTo("[\"k0\",\"k1\",\"k2\",\"k3\",\"k4\",\"k5\",\"user/prefs\"]");
    assertThat(api.delete("/v1/customers/acme/memory/k0").status()).isEqualTo(204);
    assertThat(api.get("/v1/customers/acme/memory/k0").status()).isEqualTo(404);
    assertThat(api.delete("/v1/customers/acme/memory/k0").status()).isEqualTo(404);
  }

  @Test
  void malformedValuesAreRefusedAndStoreNothing() {
    api.put("/v1/customers/acme/memory/k", "{\"v\":1}");
    for (String bad : new String[] {"{\"v\":", "undefined", "", "{'v':1}", "1 2"}) {
      Reply reply = api.put("/v1/customers/acme/memory/k", bad);
      assertThat(reply.status()).as("value %s", bad).isEqualTo(400);
      assertThat(reply.errorCode()).isEqualTo("malformed_json");
    }
    assertThat(api.put("/v1/customers/acme/memory/" + "k".repeat(600), "1").status())
        .isEqualTo(400);
    assertThat(api.get("/v1/customers/acme/memory/k").json().get("value").toString())
        .isEqualTo("{\"v\":1}");
    assertThat(api.get("/v1/customers/acme/memory").json().get("keys").size()).isEqualTo(1);
  }
}
