package dev.oncell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryCommandTest extends CliTestSupport {

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void get_printsTheValue_andJsonPrintsKeyAndValue() throws Exception {
    server.onJson(
        "GET /v1/customers/acme/memory/plan",
        200,
        "{\"key\": \"plan\", \"value\": {\"steps\": [1, 2]}}");

    Run plain = run("memory", "get", "--customer", "acme", "plan");
    Run json = run("memory", "get", "--customer", "acme", "plan", "--json");

    assertThat(plain.exitCode()).as(plain.toString()).isZero();
    assertThat(mapper.readTree(plain.out())).isEqualTo(mapper.readTree("{\"steps\": [1, 2]}"));
    assertThat(mapper.readTree(json.out()))
        .isEqualTo(mapper.readTree("{\"key\": \"plan\", \"value\": {\"steps\": [1, 2]}}"));
  }

  @Test
  void get_ofAnAbsentKey_failsWithNotFound() {
    server.onJson(
        "GET /v1/customers/acme/memory/nope",
        404,
        "{\"error\": {\"code\": \"not_found\", \"message\": \"no such key\"}}");

    Run run = run("memory", "get", "--customer", "acme", "nope");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "oncell: no memory key 'nope' for customer acme (not_found)" + System.lineSeparator());
  }

  @Test
  void set_sendsValidJsonAsIs() throws Exception {
    server.onJson("PUT /v1/customers/acme/memory/n", 200, "{\"key\": \"n\", \"value\": 42}");

    Run run = run("memory", "set", "--customer", "acme", "n", "42");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(mapper.readTree(server.lastRequest().body())).isEqualTo(mapper.readTree("42"));
  }

  @Test
  void set_sendsInvalidJsonAsAString() throws Exception {
    server.onJson(
        "PUT /v1/customers/acme/memory/note", 200, "{\"key\": \"note\", \"value\": \"x\"}");

    run("memory", "set", "--customer", "acme", "note", "hello world");

    assertThat(mapper.readTree(server.lastRequest().body()).asText()).isEqualTo("hello world");
    assertThat(mapper.readTree(server.lastRequest().body()).isTextual()).isTrue();
  }

  @Test
  void set_treatsTrailingGarbageAsAString() throws Exception {
    server.onJson("PUT /v1/customers/acme/memory/v", 200, "{\"key\": \"v\", \"value\": \"x\"}");

    run("memory", "set", "--customer", "acme", "v", "12 monkeys");

    assertThat(mapper.readTree(server.lastRequest().body()).asText()).isEqualTo("12 monkeys");
  }

  @Test
  void keys_tableAndJson() throws Exception {
    server.onJson("GET /v1/customers/acme/memory", 200, "{\"keys\": [\"a\", \"b\"]}");

    assertThat(run("memory", "keys", "--customer", "acme").out().lines())
        .containsExactly("KEY", "a", "b");
    assertThat(mapper.readTree(run("memory", "keys", "--customer", "acme", "--json").out()))
        .isEqualTo(mapper.readTree("{\"keys\": [\"a\", \"b\"]}"));
  }

  @Test
  void delete_encodesTheKey() {
    server.on("DELETE /v1/customers/acme/memory/a%2Fb", 204, Map.of(), new byte[0]);

    Run run = run("memory", "delete", "--customer", "acme", "a/b");

    assertThat(run.exitCode()).as(run.toString()).isZero();
  }
}
