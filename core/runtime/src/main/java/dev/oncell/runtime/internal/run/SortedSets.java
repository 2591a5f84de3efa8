package dev.oncell.runtime.internal.run;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.CollectionType;
import dev.oncell.runtime.internal.journal.CanonicalJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Makes a mapper write every {@link Set} as an array sorted by its elements' {@link CanonicalJson}:
 * a set has no order, and the one it iterates in ({@code Set.of}, a {@code HashSet} of enums or of
 * objects with identity hashes) changes from one JVM to the next. Used for request hashes only.
 */
public final class SortedSets {

  private SortedSets() {}

  static ObjectMapper register(ObjectMapper mapper) {
    SimpleModule module = new SimpleModule("oncell-sorted-sets");
    module.setSerializerModifier(
        new BeanSerializerModifier() {
          @Override
          public JsonSerializer<?> modifyCollectionSerializer(
              SerializationConfig config,
              CollectionType valueType,
              BeanDescription beanDesc,
              JsonSerializer<?> serializer) {
            return Set.class.isAssignableFrom(valueType.getRawClass())
                ? new Sorted(mapper)
                : serializer;
          }
        });
    return mapper.registerModule(module);
  }

  private static final class Sorted extends StdSerializer<Set<?>> {

    private final ObjectMapper mapper;

    @SuppressWarnings({"unchecked", "rawtypes"})
    Sorted(ObjectMapper mapper) {
      super((Class) Set.class);
      this.mapper = mapper;
    }

    @Override
    public void serialize(Set<?> value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      List<JsonNode> items = new ArrayList<>(value.size());
      for (Object item : value) {
        JsonNode node = item == null ? null : mapper.valueToTree(item);
        items.add(node == null ? NullNode.getInstance() : node);
      }
      items.sort(Comparator.comparing(CanonicalJson::write));
      gen.writeStartArray(value, items.size());
      for (JsonNode item : items) {
        provider.defaultSerializeValue(item, gen);
      }
      gen.writeEndArray();
    }
  }
}
