// @ts-check
/**
 * The page script's plumbing: drawing through POST /render (the server's own components),
 * plain-sentence errors, and reading the NDJSON progress stream of POST /v1/cluster.
 */

/** @typedef {{ type: "progress", stage: "read" | "embed", done: number, total: number }} ProgressLine */
/** @typedef {{ code: string, message: string, field?: string, details?: unknown }} ApiErrorBody */
/** @typedef {ProgressLine | { type: "result", result: unknown } | { type: "error", error: ApiErrorBody }} StreamLine */

export const UNREACHABLE = "The service could not be reached. Check your connection and try again.";

/** @param {string} id */
export const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** @param {HTMLElement} results @param {string} sentence */
export function showPlainError(results, sentence) {
  const section = document.createElement("section");
  section.className = "request-error";
  section.setAttribute("role", "alert");
  section.dataset.state = "error";
  const p = document.createElement("p");
  p.textContent = sentence;
  section.append(p);
  results.replaceChildren(section);
}

/** Draws a result or an error with the server's components, then moves focus to it. */
export async function render(/** @type {HTMLElement} */ results, /** @type {object} */ body) {
  try {
    const res = await fetch("/render", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`render answered ${res.status}`);
    results.innerHTML = await res.text();
    const heading = results.querySelector("h2");
    heading?.focus();
    heading?.scrollIntoView({ block: "start" });
  } catch {
    showPlainError(results, UNREACHABLE);
  }
}

/** Reads NDJSON lines as they arrive. @param {Response} res @param {(line: StreamLine) => void} onLine */
export async function readLines(res, onLine) {
  if (!res.body) return;
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (value) buffer += value;
    let newline;
    while ((newline = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line) onLine(JSON.parse(line));
    }
    if (done) break;
  }
  if (buffer.trim()) onLine(JSON.parse(buffer));
}
