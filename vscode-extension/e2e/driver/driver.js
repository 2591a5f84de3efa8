// Runs inside code-server's extension host, next to the oncell extension, when ONCELL_E2E_CONFIG
// names a config written by run.mjs. Each test uses the real extension through VS Code's API (the
// oncell:// file system, commands, the extension's exported API) against a real oncell server.
// Results go to a JSON file that run.mjs waits for; it takes the screenshots once they are there.
"use strict";
const vscode = require("vscode");
const assert = require("node:assert/strict");
const fs = require("node:fs");

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

async function activate() {
  const configPath = process.env.ONCELL_E2E_CONFIG;
  if (!configPath) return;
  const config = JSON.parse(fs.readFileSync(configPath, "utf8"));
  const write = (results, phase) => {
    fs.writeFileSync(config.results + ".tmp", JSON.stringify({ phase, results }, null, 2));
    fs.renameSync(config.results + ".tmp", config.results); // run.mjs never reads half a file
  };

  /** Asks run.mjs to do something outside the editor (see answerAsks there) and waits for it. */
  const ask = async (action, arg, timeoutMs = 360000) => {
    const id = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    fs.writeFileSync(config.results + ".ask.tmp", JSON.stringify({ id, action, arg }));
    fs.renameSync(config.results + ".ask.tmp", config.results + ".ask");
    const answer = `${config.results}.answer-${id}`;
    await until(`run.mjs to ${action}`, () => fs.existsSync(answer), timeoutMs);
    const { error } = JSON.parse(fs.readFileSync(answer, "utf8"));
    if (error) throw new Error(`${action} failed: ${error}`);
  };
  const api$ = (method, p, body) =>
    fetch(`${config.url}${p}`, {
      method,
      headers: {
        Authorization: `Bearer ${config.token}`,
        "Content-Type": typeof body === "string" && body.startsWith("{") ? "application/json" : "application/octet-stream",
      },
      body,
    });

  const ext = vscode.extensions.getExtension("oncell.oncell");
  const api = await ext.activate();
  const uri = (p) => vscode.Uri.parse(`oncell://${config.customer}/${p}`);
  const text = (bytes) => new TextDecoder().decode(bytes);
  const customerState = async () => {
    const res = await fetch(`${config.url}/v1/customers/${config.customer}`, { headers: { Authorization: `Bearer ${config.token}` } });
    return (await res.json()).state;
  };
  const serverFile = async (p) => {
    const res = await fetch(`${config.url}/v1/customers/${config.customer}/files/${p}`, {
      headers: { Authorization: `Bearer ${config.token}` },
    });
    return { status: res.status, body: await res.text() };
  };

  // Phase two: openCell made the cell the window's folder, which restarts the extension host.
  if (fs.existsSync(config.results)) {
    const previous = JSON.parse(fs.readFileSync(config.results, "utf8"));
    if (previous.phase === "opening") {
      const results = previous.results;
      await run(results, "open cell: the cell is the window's folder, sign-in survived the restart", async () => {
        const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString());
        assert.ok(folders.includes(`oncell://${config.customer}/`), `folders: ${folders}`);
        assert.equal(api.signedIn, true);
        const doc = await vscode.workspace.openTextDocument(uri("e2e/hello.txt"));
        await vscode.window.showTextDocument(doc);
        await vscode.commands.executeCommand("workbench.view.explorer");
      });
      await run(results, "the open cell's language server connects over the server's WebSocket", async () => {
        await until("the language server", () => api.languageServerRunning, 90000);
      });
      await run(results, "a run's findings are diagnostics; a quick fix is previewed, applied and saved (see 04-diagnostics.png, 05-edit-preview.png)", async () => {
        const broken = "2025-01-04, south ,gadget,5,449.95";
        const csv = (await serverFile("data/sales.csv")).body;
        assert.ok(csv.includes("2025-01-04,south,gadget,5,449.95"), csv);
        // The customer broke a row in another tool; the editor opens the file afterwards.
        assert.equal((await api$("PUT", `/v1/customers/${config.customer}/files/data/sales.csv`, csv.replace("2025-01-04,south", "2025-01-04, south "))).status, 200);
        const doc = await vscode.workspace.openTextDocument(uri("data/sales.csv"));
        await vscode.window.showTextDocument(doc);
        assert.equal(doc.lineAt(2).text, broken);
        const last = await api.runMethod(config.customer, "check", null);
        assert.equal(last?.type, "result", JSON.stringify(last));
        const diagnostics = await until("the diagnostics", () => {
          const d = vscode.languages.getDiagnostics(doc.uri);
          return d.length > 0 ? d : undefined;
        }, 60000);
        assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
        assert.equal(diagnostics[0].range.start.line, 2);
        assert.equal(diagnostics[0].severity, vscode.DiagnosticSeverity.Warning);
        assert.match(diagnostics[0].message, /Spaces around a field/);
        await vscode.commands.executeCommand("workbench.actions.view.problems");
        await ask("screenshot", "04-diagnostics.png");
        const actions = await vscode.commands.executeCommand("vscode.executeCodeActionProvider", doc.uri, diagnostics[0].range);
        const fix = (actions ?? []).find((a) => a.edit && a.kind && a.kind.value === "quickfix");
        assert.ok(fix, `no quick fix among ${JSON.stringify((actions ?? []).map((a) => a.title))}`);
        // As the user does: the quick fix on the line, through the editor's code action command.
        // The language server marks its edits as needing confirmation, so VS Code shows them in the
        // Refactor Preview first: the buffer is unchanged until the preview is applied.
        const editor = await vscode.window.showTextDocument(doc);
        editor.selection = new vscode.Selection(2, 0, 2, 0);
        const requested = vscode.commands.executeCommand("editor.action.codeAction", { kind: "quickfix", apply: "first" });
        await new Promise((r) => setTimeout(r, 2500));
        await ask("screenshot", "05-edit-preview.png");
        assert.equal(doc.lineAt(2).text, broken, "the edit was applied without a preview");
        // An edit that needs confirmation is listed unchecked: tick it (the file's row), then Apply.
        await vscode.commands.executeCommand("refactorPreview.focus");
        await vscode.commands.executeCommand("list.focusFirst");
        await vscode.commands.executeCommand("refactorPreview.toggleCheckedState");
        await vscode.commands.executeCommand("refactorPreview.apply");
        await until("the previewed edit applied", () => doc.lineAt(2).text !== broken, 15000);
        await Promise.race([requested, new Promise((r) => setTimeout(r, 5000))]);
        assert.equal(doc.lineAt(2).text, "2025-01-04,south,gadget,5,449.95");
        assert.ok(await doc.save(), "save failed");
        assert.equal((await serverFile("data/sales.csv")).body, csv);
      });
      await run(results, "a binary file reads back byte for byte", async () => {
        const bytes = new Uint8Array(300).map((_, i) => (i * 7) % 256); // NULs and invalid UTF-8
        assert.equal((await api$("PUT", `/v1/customers/${config.customer}/files/e2e/blob.bin`, bytes)).status, 200);
        // written behind the editor's back: it shows once the folder's cached listing (2 s) expires
        assert.deepEqual(await until("the file in its folder", () => vscode.workspace.fs.readFile(uri("e2e/blob.bin")), 10000), bytes);
      });
      await run(results, "a huge file is read-only", async () => {
        const size = 21 * 1024 * 1024; // over the API's 16 MiB request bodies: made in the cell
        const made = await api$("POST", `/v1/customers/${config.customer}/shell`,
          JSON.stringify({ command: `head -c ${size} /dev/zero | tr '\\0' a > e2e/huge.txt` }));
        assert.equal(made.status, 200, await made.text());
        // made behind the editor's back: it shows once the folder's cached listing (2 s) expires
        const stat = await until("the file in its folder", () => vscode.workspace.fs.stat(uri("e2e/huge.txt")), 10000);
        assert.equal(stat.size, size);
        assert.equal(stat.permissions, vscode.FilePermission.Readonly);
      });
      await run(results, "a paused cell is woken by reading a file", async () => {
        const paused = await api$("POST", `/v1/customers/${config.customer}/pause`);
        assert.equal(paused.status, 200);
        assert.equal((await paused.json()).state, "PAUSED");
        assert.equal(text(await vscode.workspace.fs.readFile(uri("e2e/hello.txt"))).length > 0, true);
        assert.equal(await customerState(), "ACTIVE");
      });
      await run(results, "the server goes down and comes back: files and the language server reconnect", async () => {
        await ask("stop-server");
        await assert.rejects(vscode.workspace.fs.readFile(uri("e2e/hello.txt")), (e) => e.code === "Unavailable");
        await ask("start-server");
        await until("the files again", async () => (await vscode.workspace.fs.readFile(uri("e2e/hello.txt"))).length > 0, 60000);
        await until("the language server again", () => api.languageServerRunning, 90000);
      });
      await run(results, "a terminal on the cell (see 03-cell-in-explorer.png)", async () => {
        await vscode.commands.executeCommand("oncell.openTerminal", config.customer);
        const terminal = vscode.window.terminals.find((t) => t.name === `oncell: ${config.customer}`);
        assert.ok(terminal, "no oncell terminal");
        terminal.sendText("cd data");
        terminal.sendText("head -3 sales.csv");
        terminal.sendText("false");
        await new Promise((r) => setTimeout(r, 3000)); // for the screenshot only
      });
      write(results, "done");
    }
    return;
  }

  test("sign in with a wrong token: a clear error, nothing stored", async () => {
    await assert.rejects(api.signIn(config.url, "wrong-token"), /sign-in refused/);
    assert.equal(api.signedIn, false);
  });

  test("sign in with the operator key", async () => {
    await api.signIn(config.url, config.token);
    assert.equal(api.signedIn, true);
  });

  test("write, stat, list and read a file through oncell://", async () => {
    await vscode.workspace.fs.writeFile(uri("e2e/hello.txt"), new TextEncoder().encode("hello from the editor\n"));
    const stat = await vscode.workspace.fs.stat(uri("e2e/hello.txt"));
    assert.equal(stat.type, vscode.FileType.File);
    assert.equal(stat.size, 22);
    const entries = await vscode.workspace.fs.readDirectory(uri("e2e"));
    assert.deepEqual(entries, [["hello.txt", vscode.FileType.File]]);
    assert.equal(text(await vscode.workspace.fs.readFile(uri("e2e/hello.txt"))), "hello from the editor\n");
    assert.deepEqual(await serverFile("e2e/hello.txt"), { status: 200, body: "hello from the editor\n" });
  });

  test("a missing file is FileNotFound", async () => {
    await assert.rejects(vscode.workspace.fs.stat(uri("e2e/nope.txt")), (e) => e.code === "FileNotFound");
  });

  test("edit an open document and save it to the cell", async () => {
    const doc = await vscode.workspace.openTextDocument(uri("e2e/hello.txt"));
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((b) => b.insert(new vscode.Position(1, 0), "edited in VS Code\n"));
    assert.ok(await doc.save(), "save failed");
    assert.equal((await serverFile("e2e/hello.txt")).body, "hello from the editor\nedited in VS Code\n");
  });

  test("a file changed in the cell while edited: the save is refused, nothing overwritten", async () => {
    await vscode.workspace.fs.writeFile(uri("e2e/conflict.txt"), new TextEncoder().encode("one\n"));
    const doc = await vscode.workspace.openTextDocument(uri("e2e/conflict.txt"));
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((b) => b.insert(new vscode.Position(1, 0), "from the editor\n"));
    // an agent rewrites the file meanwhile
    const put = await fetch(`${config.url}/v1/customers/${config.customer}/files/e2e/conflict.txt`, {
      method: "PUT",
      headers: { Authorization: `Bearer ${config.token}` },
      body: "written by the agent, longer\n",
    });
    assert.equal(put.status, 200);
    await new Promise((r) => setTimeout(r, 2500)); // past the listing cache, so stat sees the change
    assert.equal(await doc.save(), false, "the save should have been refused as a conflict");
    assert.equal((await serverFile("e2e/conflict.txt")).body, "written by the agent, longer\n");
    await vscode.commands.executeCommand("workbench.action.files.revert");
    await vscode.commands.executeCommand("workbench.action.closeActiveEditor");
  });

  test("rename and delete through oncell://", async () => {
    await vscode.workspace.fs.writeFile(uri("e2e/tmp.txt"), new TextEncoder().encode("x"));
    await vscode.workspace.fs.rename(uri("e2e/tmp.txt"), uri("e2e/moved.txt"), { overwrite: false });
    assert.equal((await serverFile("e2e/moved.txt")).body, "x");
    await vscode.workspace.fs.delete(uri("e2e/moved.txt"));
    assert.equal((await serverFile("e2e/moved.txt")).status, 404);
  });

  test("run an agent method: events, then its result", async () => {
    const last = await api.runMethod(config.customer, config.method, config.input);
    assert.equal(last?.type, "result", JSON.stringify(last));
    assert.match(JSON.stringify(last.data), new RegExp(config.expect));
  });

  test("a run that fails shows its error code", async () => {
    const last = await api.runMethod(config.customer, "no_such_method", {});
    assert.equal(last, undefined); // the failure was shown as an error message, not thrown
  });

  const results = [];
  for (const t of tests) {
    await run(results, t.name, t.fn);
  }
  await vscode.commands.executeCommand("workbench.view.extension.oncell");
  await ask("screenshot", "02-customers-and-run.png").catch(() => undefined); // an artifact, not a test
  write(results, "opening");
  // Last: open the cell as the window's folder; VS Code restarts the extension host for it.
  await vscode.commands.executeCommand("oncell.openCell", config.customer);
}

/** Polls `check` until it gives something truthy (a value or a promise of one); throws after `timeoutMs`. */
async function until(what, check, timeoutMs) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ""}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function run(results, name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true, ms: Date.now() - started });
  } catch (e) {
    results.push({ name, ok: false, ms: Date.now() - started, error: String(e && e.stack ? e.stack : e) });
  }
}

module.exports = { activate, deactivate() {} };
