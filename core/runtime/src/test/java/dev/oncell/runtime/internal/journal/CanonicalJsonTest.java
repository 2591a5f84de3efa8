package dev.oncell.runtime.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String canonical(String json) throws Exception {
    return CanonicalJson.write(JSON.readTree(json));
  }

  @Test
  void membersAreSortedByUtf16CodeUnitsAtEveryDepth() throws Exception {
    // RFC 8785 section 3.2.3's example: sorted by UTF-16 code units, not code points.
    assertThat(
            canonical(
                "{\"\\u20ac\":\"Euro\",\"\\r\":\"cr\",\"\\ufb33\":\"hebrew\",\"1\":\"one\","
                    + "\"\\ud83d\\ude00\":\"smiley\",\"\\u0080\":\"control\",\"\\u00f6\":\"o\"}"))
        .isEqualTo(
            "{\"\\r\":\"cr\",\"1\":\"one\",\"\u0080\":\"control\",\"\u00f6\":\"o\","
                + "\"\u20ac\":\"Euro\",\"\ud83d\ude00\":\"smiley\",\"\ufb33\":\"hebrew\"}");
    assertThat(canonical("{\"b\":{\"y\":1,\"x\":[{\"d\":1,\"c\":2}]},\"a\":null}"))
        .isEqualTo("{\"a\":null,\"b\":{\"x\":[{\"c\":2,\"d\":1}],\"y\":1}}");
  }

  @Test
  void theSameObjectBuiltInAnyOrderHasOneForm() {
    ObjectNode one = JsonNodeFactory.instance.objectNode().put("a", 1).put("b", 2).put("c", 3);
    ObjectNode two = JsonNodeFactory.instance.objectNode().put("c", 3).put("a", 1).put("b", 2);
    assertThat(CanonicalJson.sha256(one)).isEqualTo(CanonicalJson.sha256(two));
  }

  @Test
  void numbersAreWrittenByValueInTheEcmaScriptLayout() throws Exception {
    // RFC 8785 appendix B, and the edges of the layout.
    String[][] cases = {
      {"333333333.33333329", "333333333.3333333"},
      {"1E30", "1e+30"},
      {"4.50", "4.5"},
      {"2e-3", "0.002"},
      {"0.000000000000000000000000001", "1e-27"},
      {"1e21", "1e+21"},
      {"1e20", "100000000000000000000"},
      {"1e-6", "0.000001"},
      {"1e-7", "1e-7"},
      {"-0.0", "0"},
      {"-1.5e-9", "-1.5e-9"},
      {"0.1", "0.1"},
      {"123.456e3", "123456"},
    };
    for (String[] c : cases) {
      assertThat(canonical(c[0])).as(c[0]).isEqualTo(c[1]);
    }
    assertThat(CanonicalJson.write(IntNode.valueOf(1)))
        .isEqualTo(CanonicalJson.write(LongNode.valueOf(1)))
        .isEqualTo(CanonicalJson.write(DoubleNode.valueOf(1.0)))
        .isEqualTo(CanonicalJson.write(DecimalNode.valueOf(new BigDecimal("1.00"))))
        .isEqualTo("1");
    assertThat(CanonicalJson.write(FloatNode.valueOf(0.1f))).isEqualTo("0.1");
    assertThat(canonical("123456789012345678901234567890"))
        .as("big integers keep every digit")
        .isEqualTo("1.2345678901234567890123456789e+29");
    assertThat(CanonicalJson.write(JSON.valueToTree(java.math.BigInteger.TEN.pow(21))))
        .isEqualTo(CanonicalJson.write(DoubleNode.valueOf(1e21)));
    assertThat(CanonicalJson.write(DoubleNode.valueOf(Double.NaN)))
        .isNotEqualTo(CanonicalJson.write(TextNode.valueOf("NaN")));
  }

  @Test
  void stringsEscapeOnlyWhatJsonNeedsAndKeepLoneSurrogatesApart() {
    assertThat(CanonicalJson.write(TextNode.valueOf("a\"b\\c\n\t\u0001/é€😀")))
        .isEqualTo("\"a\\\"b\\\\c\\n\\t\\u0001/é€😀\"");
    assertThat(new String(CanonicalJson.bytes(TextNode.valueOf("é")), StandardCharsets.UTF_8))
        .isEqualTo("\"é\"");
    JsonNode lone = TextNode.valueOf("x\ud800");
    JsonNode replaced = TextNode.valueOf("x\ufffd");
    assertThat(CanonicalJson.write(lone)).isEqualTo("\"x\\ud800\"");
    assertThat(CanonicalJson.sha256(lone)).isNotEqualTo(CanonicalJson.sha256(replaced));
  }
}
