import * as vscode from "vscode";
import type { OncellClient } from "../api/client";
import type { Customer } from "../api/types";

/** The "Customers" tree: one item per customer with its cell's state; context actions by state. */
export class CustomersView implements vscode.TreeDataProvider<Customer> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private lastError: string | undefined;

  constructor(private readonly client: () => OncellClient | undefined) {}

  refresh(): void {
    this.changed.fire();
  }

  getTreeItem(c: Customer): vscode.TreeItem {
    const item = new vscode.TreeItem(c.id, vscode.TreeItemCollapsibleState.None);
    item.description = `${c.state.toLowerCase()}${c.agent ? ` · ${c.agent}` : ""}`;
    item.contextValue = `customer.${c.state}`;
    item.iconPath = new vscode.ThemeIcon(icon(c.state));
    item.tooltip = `${c.id}: ${c.state}${c.env ? ` (${c.env})` : ""}`;
    item.command = { command: "oncell.openCell", title: "Open Cell", arguments: [c] };
    return item;
  }

  async getChildren(element?: Customer): Promise<Customer[]> {
    const client = this.client();
    if (element || !client) return [];
    try {
      const customers = await client.listCustomers();
      this.lastError = undefined;
      return [...customers].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (message !== this.lastError) {
        this.lastError = message;
        vscode.window.showErrorMessage(`oncell: cannot list customers: ${message}`);
      }
      return [];
    }
  }
}

function icon(state: Customer["state"]): string {
  switch (state) {
    case "ACTIVE":
      return "vm-running";
    case "PAUSED":
      return "debug-pause";
    case "FAILED":
      return "error";
    default:
      return "loading~spin";
  }
}
