import { beforeAll, describe, expect, it } from "vitest";
import { createSemclustClient, SemclustError, type ClusterProgress } from "../src/client.ts";
import type { ClusterResponse } from "../src/schemas/cluster.ts";
import { bytesOf, img } from "./helpers.ts";
import { call, sendGeneric, upsert, waitForStatus } from "./webhook-helpers.ts";

const page = (path: string) => call(new Request(`https://semclust.test${path}`));
const render = (body: unknown) =>
  call(new Request("https://semclust.test/render", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }));
const count = (html: string, needle: string) => html.split(needle).length - 1;
const client = createSemclustClient("https://semclust.test/", (input, init) => call(new Request(input, init)));

const CATALOGUE = [
  ["dog", "Pagetest sled dog"],
  ["eagle", "Pagetest eagle"],
  ["horses", "Pagetest horses"],
  ["giraffe", "Pagetest giraffe"],
] as const;

beforeAll(async () => {
  for (const [name, title] of CATALOGUE) {
    expect((await sendGeneric(upsert(`evt-page-${name}`, `page-${name}`, img(`photos/${name}.jpg`), { title }))).status).toBe(202);
  }
  for (const [name] of CATALOGUE) expect(await waitForStatus(`generic:page-${name}`, ["indexed", "failed"])).toBe("indexed");
});

describe("GET / (the page)", () => {
  it("renders the query form with the configured sources and the upload form", async () => {
    const res = await page("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    const html = await res.text();
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain('<form class="panel" id="query-form" method="get" action="/"');
    expect(html).toMatch(/<option value="openverse" selected="">openverse<\/option>\s*<option value="catalogue">catalogue<\/option>/);
    expect(html).toContain('id="upload-form"');
    expect(html).toContain('<script type="module" src="/page.js"></script>');
    expect(html).not.toContain('id="results-heading"');
  });

  it("renders a catalogue query's clusters on the server, through the same cache as the JSON endpoint", async () => {
    const res = await page("/?q=Pagetest&source=catalogue&k=2&limit=");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("“pagetest” in catalogue");
    expect(html).toContain("This query&#39;s meanings");
    expect(count(html, '<li class="cluster"')).toBe(2);
    expect(count(html, '<li class="tile')).toBe(4);
    expect(count(html, '<li class="tile is-rep"')).toBe(2);
    expect(html).toContain('<img src="https://img.test/photos/eagle.jpg" alt="Pagetest eagle"');
    expect(html).toContain('loading="lazy"');
    expect(html).toMatch(/cohesion \d\.\d\d/);
    expect(html).toContain("Near-duplicates");
    expect(html).toContain("Diversified order");
    expect(html).toMatch(/<input id="q" name="q" type="search" value="Pagetest"/);
    expect(html).toMatch(/<option value="catalogue" selected="">/);

    const json = await page("/v1/queries/pagetest/clusters?source=catalogue&k=2");
    expect(json.headers.get("x-cache")).toBe("HIT");
  });

  it("shows request errors as plain sentences with their status, never a stack trace", async () => {
    const cases: [string, number, string][] = [
      ["/?q=anything&source=nowhere", 400, "Source &quot;nowhere&quot; is not enabled; use one of: openverse, catalogue."],
      ["/?q=throttle", 503, "“throttle” could not be clustered"],
      ["/?q=apple&k=999", 400, "Please check “k”:"],
    ];
    for (const [path, status, text] of cases) {
      const res = await page(path);
      expect(res.status, path).toBe(status);
      const html = await res.text();
      expect(html, path).toContain(text);
      expect(html, path).toContain('role="alert"');
      expect(html, path).not.toMatch(/\n\s+at |Error:|ApiError/);
    }
  });

  it("escapes user input: a query that is markup is shown as text", async () => {
    const res = await page(`/?q=${encodeURIComponent('<script>alert("x")</script>')}&source=catalogue`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).not.toContain("<script>alert");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).toContain("No images were found, so there is nothing to cluster.");
  });
});

describe("POST /render (the upload path's layout)", () => {
  it("draws an upload with a failing file: clusters for the good ones, a sentence for the bad one", async () => {
    const form = new FormData();
    for (const name of ["dog", "eagle", "kite"]) form.append("images", new File([await bytesOf(`photos/${name}.jpg`)], `${name}.jpg`));
    form.append("images", new File(["just some text"], "x.jpg", { type: "image/jpeg" }));
    const progress: ClusterProgress[] = [];
    const result = await client.clusterImages(form, { onProgress: (p) => progress.push(p) });
    expect(progress.filter((p) => p.stage === "read").at(-1)).toEqual({ stage: "read", done: 4, total: 4 });
    expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);
    expect(result.errors).toMatchObject([{ id: "x.jpg", code: "unsupported_format" }]);

    const pictures = Object.fromEntries(["dog.jpg", "eagle.jpg", "kite.jpg", "x.jpg"].map((id) => [id, { src: `blob:https://semclust.test/${id}`, title: id }]));
    const html = await (await render({ result, pictures })).text();
    expect(html).toContain("Your 4 images");
    expect(html).toContain("“x.jpg” could not be used: not a JPEG, PNG or WebP image (checked by its first bytes).");
    expect(html).toContain('src="blob:https://semclust.test/dog.jpg"');
    expect(count(html, '<li class="tile')).toBe(3);
  });

  it("draws a request error with each image's reason, and never renders unsafe image addresses", async () => {
    const error = {
      code: "no_usable_images",
      message: "none of the images could be used; see details for each",
      details: [{ id: "https://img.test/status/404", url: "https://img.test/status/404", code: "http_error", message: "the server answered HTTP 404" }],
    };
    const html = await (await render({ error })).text();
    expect(html).toContain("None of the images could be used.");
    expect(html).toContain("“404 (img.test)” could not be used: the server answered HTTP 404.");

    const result = (await client.clusterImages({ images: [{ url: img("photos/dog.jpg"), id: "dog" }] })) as ClusterResponse;
    const unsafe = await (await render({ result, pictures: { dog: { src: "javascript:alert(1)" } } })).text();
    expect(unsafe).not.toContain("javascript:");
    expect((await render({ pictures: {} })).status).toBe(400);
  });
});

describe("createSemclustClient", () => {
  it("types a query's answer and turns API errors into SemclustError", async () => {
    const result = await client.clusterQuery("pagetest", { source: "catalogue", k: 2 });
    expect(result.clusters.map((c) => c.size).reduce((a, b) => a + b, 0)).toBe(4);
    expect(result.hits.map((h) => h.title).sort()).toEqual(CATALOGUE.map(([, title]) => title).sort());
    const failure = await client.clusterQuery("x", { source: "nowhere" }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SemclustError);
    expect(failure).toMatchObject({ status: 400, code: "unknown_source", field: "source" });
  });
});
