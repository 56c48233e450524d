// @ts-check
/**
 * The page's script (plain ES modules, no framework, no build): files and URLs are posted to /v1/cluster with
 * progress read from the NDJSON stream, then POST /render draws the result with the same server
 * components as a query, so the two never look different. Queries stay a plain GET form.
 */

/** @typedef {import("./page-render.js").StreamLine} StreamLine */
/** @typedef {Record<string, { src: string, title?: string }>} Pictures */

import { byId, readLines, render, showPlainError, UNREACHABLE } from "./page-render.js";

/** The upload form: chosen, dropped or pasted files plus URL lines, sent with progress. */
function uploads() {
  const form = /** @type {HTMLFormElement | null} */ (document.getElementById("upload-form"));
  if (!form) return;
  const input = /** @type {HTMLInputElement} */ (byId("files"));
  const drop = byId("drop");
  const chosenList = byId("chosen");
  const urls = /** @type {HTMLTextAreaElement} */ (byId("urls"));
  const submit = /** @type {HTMLButtonElement} */ (byId("upload-submit"));
  const box = byId("upload-progress");
  const bar = /** @type {HTMLProgressElement} */ (byId("progress-bar"));
  const text = byId("progress-text");
  const results = byId("results");
  /** @type {File[]} */
  let chosen = [];
  /** @type {string[]} */
  let objectUrls = [];

  const showChosen = () => {
    chosenList.replaceChildren(
      ...chosen.map((file, i) => {
        const item = document.createElement("li");
        const remove = document.createElement("button");
        remove.type = "button";
        remove.className = "link";
        remove.textContent = "Remove";
        remove.setAttribute("aria-label", `Remove ${file.name}`);
        remove.addEventListener("click", () => {
          chosen = chosen.filter((_, j) => j !== i);
          showChosen();
          input.focus();
        });
        item.append(`${file.name} (${Math.max(1, Math.round(file.size / 1024))} KB) `, remove);
        return item;
      }),
    );
  };
  /** @param {FileList | File[] | null | undefined} files */
  const add = (files) => {
    chosen = [...chosen, ...(files ?? [])];
    showChosen();
  };

  input.addEventListener("change", () => {
    add(input.files);
    input.value = "";
  });
  for (const type of ["dragenter", "dragover"]) {
    drop.addEventListener(type, (event) => {
      event.preventDefault();
      drop.classList.add("over");
    });
  }
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    add(/** @type {DragEvent} */ (event).dataTransfer?.files);
  });
  document.addEventListener("paste", (event) => {
    const files = event.clipboardData?.files;
    if (files && files.length > 0 && event.target !== urls) add(files);
  });

  /** @param {string} label @param {number} value */
  const progress = (label, value) => {
    box.hidden = false;
    bar.value = value;
    text.textContent = label;
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const lines = urls.value.split(/\s+/).map((u) => u.trim()).filter(Boolean);
    if (chosen.length === 0 && lines.length === 0) {
      showPlainError(results, "Choose at least one image file or paste an image URL.");
      return;
    }
    for (const u of objectUrls) URL.revokeObjectURL(u);
    objectUrls = [];
    const body = new FormData();
    /** @type {Pictures} */
    const pictures = {};
    for (const file of chosen) {
      let id = file.name || "image";
      for (let n = 2; pictures[id]; n++) id = `${file.name} (${n})`;
      const src = URL.createObjectURL(file);
      objectUrls.push(src);
      pictures[id] = { src, title: id };
      body.append("images", file, id);
    }
    for (const url of lines) {
      body.append("url", url);
      pictures[url] = { src: url };
    }
    body.append("k", /** @type {HTMLSelectElement} */ (byId("upload-k")).value);
    submit.disabled = true;
    form.setAttribute("aria-busy", "true");
    progress(`Sending ${chosen.length + lines.length} images…`, 0);
    try {
      const res = await fetch("/v1/cluster", { method: "POST", body, headers: { accept: "application/x-ndjson" } });
      if (!res.ok) {
        const failed = await res.json().catch(() => ({ error: { code: "internal", message: "internal error" } }));
        progress("Stopped.", bar.value);
        await render(results, { error: failed.error, pictures });
        return;
      }
      /** @type {StreamLine | undefined} */
      let last;
      await readLines(res, (line) => {
        last = line;
        if (line.type !== "progress") return;
        const share = line.total > 0 ? line.done / line.total : 1;
        if (line.stage === "read") progress(`Reading images: ${line.done} of ${line.total}`, 50 * share);
        else progress(`Recognising images: ${line.done} of ${line.total}`, 50 + 50 * share);
      });
      if (last?.type === "result") {
        progress("Done.", 100);
        await render(results, { result: last.result, pictures });
      } else if (last?.type === "error") {
        progress("Stopped.", bar.value);
        await render(results, { error: last.error, pictures });
      } else {
        progress("Stopped.", bar.value);
        showPlainError(results, "The answer was cut off before the result arrived. Please try again.");
      }
    } catch {
      progress("Stopped.", bar.value);
      showPlainError(results, UNREACHABLE);
    } finally {
      submit.disabled = false;
      form.removeAttribute("aria-busy");
    }
  });
}

/** A query can take seconds when it is not cached yet: say so while the next page loads. */
function queryBusy() {
  const form = document.getElementById("query-form");
  form?.addEventListener("submit", () => {
    byId("query-status").textContent = "Searching and clustering… a new query can take several seconds.";
    form.setAttribute("aria-busy", "true");
  });
}

uploads();
queryBusy();
