package dev.oncell.search.internal.chunk;

import static dev.oncell.search.internal.chunk.ChunkChecks.assertWellFormed;
import static dev.oncell.search.internal.chunk.ChunkChecks.bySymbol;
import static dev.oncell.search.internal.chunk.ChunkChecks.chunker;
import static dev.oncell.search.internal.chunk.ChunkChecks.outline;
import static dev.oncell.search.internal.chunk.ChunkChecks.sample;
import static dev.oncell.search.internal.chunk.ChunkChecks.symbols;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.search.Chunk;
import dev.oncell.search.Chunker;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TypeScript, TSX and JavaScript, which share one set of rules. */
class ScriptChunkingTest {

  @Test
  void typeScriptClassMethodsAreChunksOfTheirOwn() {
    String content = sample("auth.ts");
    List<Chunk> chunks = Chunker.standard().chunk("src/auth.ts", content);

    assertThat(outline(chunks))
        .containsExactly(
            "interface TokenClaims 1-17",
            "class AuthMiddleware 19-28",
            "method AuthMiddleware.verifyToken 30-37",
            "method AuthMiddleware.handle 39-52",
            "function hasRole 54-56",
            "function requireRole 58-67",
            "namespace Tokens 69-75");
    assertThat(chunks).allSatisfy(c -> assertThat(c.language()).isEqualTo("typescript"));
    Chunk verify = bySymbol(chunks, "AuthMiddleware.verifyToken");
    assertThat(verify.content())
        .startsWith(
            "  /** Verifies a token and returns its claims. */\n  verifyToken(token: string)");
    assertThat(bySymbol(chunks, "AuthMiddleware").content())
        .as("decorator and doc comment in the class header")
        .contains("Checks the bearer token", "@Injectable()", "export class AuthMiddleware {");
    assertWellFormed(content, chunks, StandardChunker.MAX_CHARS);
  }

  @Test
  void typeScriptSymbolsAndKinds() {
    List<Chunk> chunks = chunker(120).chunk("auth.ts", sample("auth.ts"));

    assertThat(symbols(chunks))
        .containsExactly(
            "TokenClaims",
            "Role",
            "AuthError",
            "AuthMiddleware",
            "AuthMiddleware.constructor",
            "AuthMiddleware.verifyToken",
            "AuthMiddleware.handle",
            "hasRole",
            "requireRole",
            "Tokens",
            "Tokens.decode");
    assertThat(bySymbol(chunks, "TokenClaims").kind()).isEqualTo("interface");
    assertThat(bySymbol(chunks, "Role").kind()).isEqualTo("type");
    assertThat(bySymbol(chunks, "AuthError").kind()).isEqualTo("enum");
    assertThat(bySymbol(chunks, "AuthMiddleware.constructor").kind()).isEqualTo("constructor");
    assertThat(bySymbol(chunks, "AuthMiddleware.handle").kind())
        .as("a field holding an arrow function")
        .isEqualTo("method");
    assertThat(bySymbol(chunks, "hasRole").kind())
        .as("an arrow function const")
        .isEqualTo("function");
    assertThat(bySymbol(chunks, "Tokens").kind()).isEqualTo("namespace");
    assertWellFormed(sample("auth.ts"), chunks, 120);
  }

  @Test
  void tsxComponents() {
    String content = sample("Button.tsx");
    List<Chunk> chunks = Chunker.standard().chunk("ui/Button.tsx", content);

    assertThat(outline(chunks))
        .containsExactly(
            "interface ButtonProps 1-6", "function Button 8-21", "class Toolbar 23-27");
    assertThat(chunks).allSatisfy(c -> assertThat(c.language()).isEqualTo("tsx"));
    assertThat(symbols(chunker(120).chunk("ui/Button.tsx", content)))
        .containsExactly("ButtonProps", "Button", "Toolbar", "Toolbar.render");
    assertWellFormed(content, chunks, StandardChunker.MAX_CHARS);
  }

  @Test
  void javaScriptClassesFunctionsAndAssignedFunctions() {
    String content = sample("router.js");
    List<Chunk> chunks = chunker(120).chunk("lib/router.js", content);

    assertThat(symbols(chunks))
        .containsExactly(
            "Router",
            "Router.constructor",
            "Router.add",
            "Router.#key",
            "Router.handle",
            "notFound",
            "listen",
            "Router.prototype.toString",
            "createRouter");
    assertThat(chunks).allSatisfy(c -> assertThat(c.language()).isEqualTo("javascript"));
    assertThat(bySymbol(chunks, "Router").content())
        .as("the comment above the class")
        .startsWith("// Routes requests");
    assertThat(bySymbol(chunks, "createRouter").content())
        .startsWith("export default function createRouter()");
    assertWellFormed(content, chunks, 120);
    assertWellFormed(content, Chunker.standard().chunk("lib/router.js", content), 1500);
  }

  @Test
  void anonymousDefaultExportsAndClassExpressions() {
    String content =
        """
        export default class {
          run() {
            return "running a task that has a long enough body to be its own chunk here";
          }
        }

        const Queue = class {
          push(item) {
            this.items.push(item);
            return this.items.length + " items are waiting in the queue now";
          }
        };
        """;
    List<Chunk> chunks = chunker(120).chunk("task.mjs", content);

    assertThat(symbols(chunks)).containsExactly("default", "default.run", "Queue", "Queue.push");
    assertThat(bySymbol(chunks, "Queue").kind()).isEqualTo("class");
    assertWellFormed(content, chunks, 120);
  }

  @Test
  void extensionsPickTheLanguage() {
    Chunker chunker = Chunker.standard();
    String code = "export function f(): number {\n  return 1;\n}\n";

    assertThat(chunker.chunk("a.ts", code).getFirst().language()).isEqualTo("typescript");
    assertThat(chunker.chunk("a.mts", code).getFirst().language()).isEqualTo("typescript");
    assertThat(chunker.chunk("a.cts", code).getFirst().language()).isEqualTo("typescript");
    assertThat(chunker.chunk("a.d.ts", code).getFirst().language()).isEqualTo("typescript");
    assertThat(chunker.chunk("A.TSX", code).getFirst().language()).isEqualTo("tsx");
    String js = "export function f() {\n  return 1;\n}\n";
    for (String path : List.of("a.js", "a.mjs", "a.cjs", "a.jsx")) {
      List<Chunk> chunks = chunker.chunk(path, js);
      assertThat(chunks.getFirst().language()).as(path).isEqualTo("javascript");
      assertThat(chunks.getFirst().symbol()).as(path).contains("f");
    }
  }
}
