package dev.oncell.sandbox.internal.runsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncell.sandbox.SandboxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void escapesQuotesBackslashesAndControlCharacters() {
    assertThat(Json.write("a\"b\\c\nd\te\u0001f\u2028"))
        .isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001f\\u2028\"");
  }

  @Test
  void escapesSurrogatesOneByOneSoALoneOneStaysWritable() {
    assertThat(Json.write("\uD83D\uDE00\uD800")).isEqualTo("\"\\ud83d\\ude00\\ud800\"");
  }

  @Test
  void writesNestedValuesInOrder() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("b", List.of(1, true, "x"));
    map.put("a", Map.of("n", 2L));
    assertThat(Json.write(map)).isEqualTo("{\"b\":[1,true,\"x\"],\"a\":{\"n\":2}}");
  }

  @Test
  void refusesWhatIsNotJson() {
    assertThatThrownBy(() -> Json.write(List.of(new Object())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesTheTooOldGvisorOfDebian12sMainArchive() {
    assertThatThrownBy(
            () -> Runsc.checkVersion(Path.of("/usr/bin/runsc"), "runsc version 0.0~20221219.0"))
        .isInstanceOf(SandboxException.class)
        .hasMessageContaining("install-system-deps.sh");
    Runsc.checkVersion(Path.of("/usr/bin/runsc"), "runsc version 0.0~20240729.0\nspec: 1.0.2");
    Runsc.checkVersion(Path.of("/usr/bin/runsc"), "runsc version release-20250101.0");
  }
}
