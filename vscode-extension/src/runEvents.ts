import type { RunEvent } from "./api/types";

/** One line of the output channel for a run event; long data is cut so a chatty agent cannot flood it. */
export function describeEvent(e: RunEvent): string {
  const data = typeof e.data === "string" ? e.data : JSON.stringify(e.data);
  const text = data.length > 2000 ? `${data.slice(0, 2000)}… (${data.length} chars)` : data;
  return `[${e.seq}] ${e.type} ${text}`;
}

/** A short progress message from an event: its `message`, `line` or `step` field when it has one. */
export function progressMessage(e: RunEvent): string {
  if (e.data && typeof e.data === "object") {
    const d = e.data as Record<string, unknown>;
    for (const field of ["message", "line", "step", "status"]) {
      if (typeof d[field] === "string") return `${e.type}: ${(d[field] as string).slice(0, 120)}`;
    }
  }
  return e.type;
}

/** How a run ended, from its last event (`{runId,status,result,error:{code,message}}`), as one line for the user. */
export function outcomeText(last: RunEvent | undefined): { ok: boolean; text: string } {
  if (!last) {
    return { ok: false, text: "the run ended without a result" };
  }
  const d = (last.data ?? {}) as { status?: unknown; result?: unknown; error?: { code?: unknown; message?: unknown } | null };
  if (last.type === "error") {
    const code = typeof d.error?.code === "string" ? d.error.code : "error";
    const message = typeof d.error?.message === "string" ? d.error.message : "the run failed";
    return { ok: false, text: `${message} [${code}]` };
  }
  const result = d.result as { answer?: unknown } | undefined;
  const text = typeof result?.answer === "string" ? result.answer : JSON.stringify(d.result ?? last.data);
  return { ok: true, text: text.length > 300 ? `${text.slice(0, 300)}…` : text };
}
