package dev.oncell.lsp;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import org.eclipse.lsp4j.AnnotatedTextEdit;
import org.eclipse.lsp4j.TextEdit;

/**
 * Writes an {@link AnnotatedTextEdit} with its {@code annotationId} wherever LSP4J declares a
 * {@link TextEdit} (a {@code TextDocumentEdit}'s edits are {@code Either<TextEdit,
 * SnippetTextEdit>}, whose adapter writes the declared type's fields only). Without it the editor
 * never sees that an edit needs confirmation and applies a quick fix without its preview.
 */
final class AnnotatedEdits implements TypeAdapterFactory {

  private AnnotatedEdits() {}

  /** Registers the factory on a launcher's Gson ({@code Launcher.Builder.configureGson}). */
  static void register(GsonBuilder gson) {
    gson.registerTypeAdapterFactory(new AnnotatedEdits());
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
    if (type.getRawType() != TextEdit.class) {
      return null;
    }
    TypeAdapter<TextEdit> plain = gson.getDelegateAdapter(this, TypeToken.get(TextEdit.class));
    TypeAdapter<AnnotatedTextEdit> annotated = gson.getAdapter(AnnotatedTextEdit.class);
    return (TypeAdapter<T>)
        new TypeAdapter<TextEdit>() {
          @Override
          public void write(JsonWriter out, TextEdit value) throws IOException {
            if (value instanceof AnnotatedTextEdit edit) {
              annotated.write(out, edit);
            } else {
              plain.write(out, value);
            }
          }

          @Override
          public TextEdit read(JsonReader in) throws IOException {
            return plain.read(in);
          }
        };
  }
}
