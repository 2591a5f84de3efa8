package dev.oncell.cli;

import dev.oncell.client.OncellClient;
import dev.oncell.lsp.OncellLsp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code oncell lsp --customer X}: the language server of one customer's cell on standard input and
 * output, what the VS Code extension launches. The URL and key come from the usual places ({@code
 * --url}/{@code --key}, {@code $ONCELL_URL}/{@code $ONCELL_API_KEY}, the saved login). Standard
 * output carries only LSP messages; anything else goes to standard error. It ends when the editor
 * sends {@code exit} or closes the input.
 */
@Command(
    name = "lsp",
    description =
        "Serve one customer's cell to an editor over the Language Server Protocol on stdin/stdout:"
            + " oncell lsp --customer ID [--url URL].")
final class LspCommand extends ClientCommand {

  @Mixin CustomerOption customer;

  @Override
  int run(OncellClient client) throws InterruptedException {
    CliEnvironment env = environment();
    OncellLsp.start(client, customer.id, env.stdin(), env.stdout()).awaitEnd();
    return 0;
  }
}
