import * as vscode from "vscode";
import type { OncellClient } from "./api/client";

interface Hit extends vscode.QuickPickItem {
  readonly path: string;
  readonly line: number;
}

/** Opens `oncell://customer/path` at a 1-based line. */
async function open(customer: string, path: string, line: number): Promise<void> {
  const uri = vscode.Uri.from({ scheme: "oncell", authority: customer, path: "/" + path.replace(/^\/+/, "") });
  const doc = await vscode.workspace.openTextDocument(uri);
  const at = new vscode.Position(Math.max(0, line - 1), 0);
  await vscode.window.showTextDocument(doc, { selection: new vscode.Range(at, at) });
}

/** A quick pick over the cell's index; offers to index the cell when it finds nothing. */
export async function searchCell(client: OncellClient, customer: string): Promise<void> {
  const query = await vscode.window.showInputBox({ title: `oncell: search ${customer}'s index`, placeHolder: "where are passwords hashed" });
  if (!query) return;
  let hits = await client.search(customer, query);
  if (hits.length === 0) {
    const choice = await vscode.window.showInformationMessage(`oncell: nothing found for '${query}'`, "Index the cell and retry");
    if (!choice) return;
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `oncell: indexing ${customer}` }, () =>
      client.index(customer),
    );
    hits = await client.search(customer, query);
  }
  const items: Hit[] = hits.map((h) => ({
    label: `${h.path}:${h.startLine}`,
    description: h.symbol ?? undefined,
    detail: h.content.split("\n").find((l) => l.trim().length > 0)?.trim().slice(0, 160),
    path: h.path,
    line: h.startLine,
  }));
  const pick = await vscode.window.showQuickPick(items, { title: `oncell: ${hits.length} hits for '${query}'`, matchOnDetail: true });
  if (pick) await open(customer, pick.path, pick.line);
}

/** A regex over the cell's files (server-side, bounded), as a quick pick of matching lines. */
export async function grepCell(client: OncellClient, customer: string): Promise<void> {
  const regex = await vscode.window.showInputBox({ title: `oncell: grep ${customer}`, placeHolder: "TODO|FIXME" });
  if (!regex) return;
  const { matches, truncated } = await client.grep(customer, regex);
  const items: Hit[] = matches.map((m) => ({
    label: `${m.path}:${m.line}`,
    detail: m.text.trim().slice(0, 160),
    path: m.path,
    line: m.line,
  }));
  const pick = await vscode.window.showQuickPick(items, {
    title: `oncell: ${matches.length}${truncated ? "+" : ""} matches for /${regex}/`,
    matchOnDetail: true,
  });
  if (pick) await open(customer, pick.path, pick.line);
}
