package dev.oncell.search.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DocCommentsTest {

  @Test
  void aJavaMethodGivesItsFirstSentenceAsPlainTextAndItsLines() {
    String java =
        """
        package a;

        /** A class comment is not a query. */
        public final class Strings {

          /**
           * Joins the {@code parts} with a {@link java.lang.String#join(CharSequence, CharSequence...)
           * separator}, e.g. a comma. Nulls become <em>empty</em> strings.
           *
           * @param parts what to join
           */
          @SuppressWarnings("unchecked") // a trailing comment
          public static String joinAll(List<String> parts) {
            String open = "{";
            return String.join(",", parts) + open; // }
          }
        }
        """;
    List<DocComments.Doc> docs = DocComments.find("a/Strings.java", java);
    assertThat(docs).hasSize(1);
    DocComments.Doc doc = docs.getFirst();
    assertThat(doc.sentence()).isEqualTo("Joins the parts with a separator, e.g. a comma.");
    assertThat(doc.symbol()).isEqualTo("joinAll");
    assertThat(doc.startLine()).as("the line after the annotation").isEqualTo(13);
    assertThat(doc.endLine())
        .as("the closing brace, past braces in strings and comments")
        .isEqualTo(16);
    assertThat(java.substring(doc.commentStart(), doc.commentEnd()))
        .startsWith("/**")
        .endsWith("*/");
  }

  @Test
  void fieldsTypesAbstractMethodsAccessorsAndInheritedDocsAreSkipped() {
    String java =
        """
        interface Shapes {
          /** The number of sides of the shape. */
          int sides();

          /** The default name of every shape we know. */
          String NAME = compute("shape");

          /** Returns the name of this shape. */
          default String getName() {
            return NAME;
          }

          /** {@inheritDoc} */
          default String describe() {
            return "described in a long way";
          }

          /** Short. */
          default void run() {
            go();
          }

          /** A nested record type with a long comment. */
          record Point(int x, int y) {}
        }
        """;
    assertThat(DocComments.find("Shapes.java", java)).isEmpty();
  }

  @Test
  void javaScriptFunctionsAreFoundInEveryCommonForm() {
    String js =
        """
        /**
         * Creates a debounced function that delays invoking `func`.
         * @param {Function} func
         */
        function debounce(func, wait) {
          var re = /[{]/g;
          return func;
        }

        /** Merges the sources into the object recursively. */
        var merge = createAssigner(function(object, source) {
          baseMerge(object, source);
        });

        /** Redirects the response to the given address. */
        res.redirect = function redirect(url) {
          this.end();
        };

        /** Sets a cookie with the given name and value. */
        res.cookie = function (name, value) {
          return this;
        };

        /** Checks whether a value is a plain form data object. */
        export const toFormData = (thing) => {
          return thing instanceof FormData;
        };

        class Command {
          /** Parses the options from the argument vector. */
          parseOptions(argv) {
            return argv;
          }
        }
        """;
    List<DocComments.Doc> docs = DocComments.find("lib/x.js", js);
    assertThat(docs)
        .extracting(DocComments.Doc::symbol)
        .containsExactly("debounce", "merge", "redirect", "cookie", "toFormData", "parseOptions");
    assertThat(docs.getFirst().sentence())
        .isEqualTo("Creates a debounced function that delays invoking func.");
    assertThat(docs.getFirst().endLine()).as("past a regex with a brace").isEqualTo(8);
    assertThat(docs.get(1).endLine()).as("the wrapped function's end").isEqualTo(13);
  }

  @Test
  void aTypeScriptOverloadSignatureIsSkippedButTheImplementationIsKept() {
    String ts =
        """
        /** Old form of the operator with a count argument. */
        export function retry<T>(count?: number): MonoTypeOperatorFunction<T>;
        /** Retries the source observable when it errors, up to a count. */
        export function retry<T>(config: { count: number } | number = 1): MonoTypeOperatorFunction<T> {
          return identity;
        }
        """;
    List<DocComments.Doc> docs = DocComments.find("retry.ts", ts);
    assertThat(docs).extracting(DocComments.Doc::startLine).containsExactly(4);
    assertThat(docs.getFirst().endLine()).as("past the object type in the parameters").isEqualTo(6);
  }

  @Test
  void linksReadAsTheirLabelOrMemberName() {
    assertThat(DocComments.linkText("Files#move(Path, Path, CopyOption...)")).isEqualTo("move");
    assertThat(DocComments.linkText("Files#move(Path) moving")).isEqualTo("moving");
    assertThat(DocComments.linkText("String the string")).isEqualTo("the string");
    assertThat(DocComments.linkText("#size")).isEqualTo("size");
  }
}
