// @ts-check
/**
 * Drop-in for static sites: every element with data-semclust-query gets that query's meanings
 * (one representative image per cluster, with its name and size) in its own shadow root, so the
 * site's styles and ours never meet. The data comes from this script's own origin over CORS
 * (CORS_ORIGINS must allow the site), or from data-semclust-base.
 *
 *   <div data-semclust-query="apple" data-semclust-source="openverse"></div>
 *   <script src="https://semclust.example/embed.js" async></script>
 */
(() => {
  const script = /** @type {HTMLScriptElement | null} */ (document.currentScript);
  const defaultBase = script?.src ? new URL(script.src).origin : location.origin;

  const STYLE = `
    :host { display: block; font: 14px/1.4 system-ui, sans-serif; }
    h2 { font-size: 1rem; margin: 0 0 .5rem; }
    ol { display: flex; flex-wrap: wrap; gap: .75rem; list-style: none; margin: 0; padding: 0; }
    li { width: 8rem; }
    img { display: block; width: 8rem; height: 8rem; object-fit: cover; border-radius: .3rem; background: #ddd; }
    .name { display: block; font-weight: 600; overflow-wrap: anywhere; }
    .size, .note { color: #666; font-size: .85em; }
    .error { color: #b3261e; }`;

  /** @typedef {{ id: string, url: string, thumbnail?: string, title?: string }} Hit */
  /** @typedef {{ name: string, size: number, representative: string }} Cluster */
  /** @typedef {{ query: string, source: string, hits: Hit[], clusters: Cluster[], images: { id: string, url?: string }[] }} Result */

  /** @param {string} tag @param {string} [className] @param {string} [text] */
  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  /** @param {Result} result @param {string} base */
  function meanings(result, base) {
    const hits = new Map(result.hits.map((hit) => [hit.id, hit]));
    const list = el("ol");
    for (const cluster of result.clusters) {
      const hit = hits.get(cluster.representative);
      const item = el("li");
      const src = hit?.thumbnail ?? hit?.url;
      if (src) {
        const img = /** @type {HTMLImageElement} */ (el("img"));
        img.src = new URL(src, base).href;
        img.alt = hit?.title ?? cluster.name;
        img.loading = "lazy";
        item.append(img);
      }
      item.append(el("span", "name", cluster.name), el("span", "size", `${cluster.size} ${cluster.size === 1 ? "image" : "images"}`));
      list.append(item);
    }
    return list;
  }

  /** @param {HTMLElement} host */
  async function show(host) {
    if (host.dataset.semclustDone) return;
    host.dataset.semclustDone = "1";
    const root = host.shadowRoot ?? host.attachShadow({ mode: "open" });
    const style = el("style", undefined, STYLE);
    const query = host.dataset.semclustQuery ?? "";
    const base = host.dataset.semclustBase ?? defaultBase;
    const params = new URLSearchParams({ limit: host.dataset.semclustLimit ?? "20", clusters: host.dataset.semclustClusters ?? "6" });
    if (host.dataset.semclustSource) params.set("source", host.dataset.semclustSource);
    root.replaceChildren(style, el("p", "note", `Finding the meanings of “${query}”…`));
    try {
      const res = await fetch(`${base}/v1/queries/${encodeURIComponent(query)}/clusters?${params}`);
      const body = await res.json();
      if (!res.ok) throw new Error(body?.error?.message ?? `the service answered HTTP ${res.status}`);
      const result = /** @type {Result} */ (body);
      const heading = el("h2", undefined, `Meanings of “${result.query}”`);
      const empty = el("p", "note", `No images were found for “${result.query}”.`);
      root.replaceChildren(style, heading, result.clusters.length > 0 ? meanings(result, base) : empty);
    } catch (error) {
      const reason = error instanceof TypeError ? "the service could not be reached" : String(/** @type {Error} */ (error).message);
      root.replaceChildren(style, el("p", "error", `The meanings of “${query}” could not be shown: ${reason}.`));
    }
  }

  const run = () => document.querySelectorAll("[data-semclust-query]").forEach((node) => show(/** @type {HTMLElement} */ (node)));
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
