import { describe, expect, it } from "vitest";
import apple from "../../test/fixtures/openverse/apple.json";
import { ApiError } from "../errors.ts";
import { createOpenverseSource, OPENVERSE_BASE_URL, OPENVERSE_USER_AGENT, type OpenverseConfig } from "./openverse.ts";

const base: OpenverseConfig = { baseUrl: OPENVERSE_BASE_URL, pageSize: 20, timeoutMs: 2_000 };

/** A fetch that goes to the fake host like the real one, keeping each request and its answer's echo. */
function recording() {
  const sent: { url: URL; headers: Headers; echoed: string | null }[] = [];
  const fetcher: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const res = await fetch(request);
    sent.push({ url: new URL(request.url), headers: request.headers, echoed: res.headers.get("x-fake-openverse-query") });
    return res;
  };
  return { fetcher, sent };
}

const answering = (body: unknown): typeof fetch => async () => Response.json(body);

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

const searchCount = async (): Promise<number> =>
  ((await (await fetch(`${OPENVERSE_BASE_URL}/__calls`)).json()) as { searches: number }).searches;

describe("openverse source", () => {
  it("maps the recorded apple answer to hits with ids, urls, titles, licences and attribution", async () => {
    const hits = await createOpenverseSource(base).search("apple", { limit: 20 });
    expect(hits).toHaveLength(20);
    expect(hits.map((hit) => hit.id)).toEqual(apple.results.map((result) => result.id));
    const first = apple.results[0]!;
    expect(hits[0]).toEqual({
      id: first.id,
      url: "https://img.test/caltech/strawberry/image_0001.jpg",
      title: "Strawberries and apples at the farmers market",
      license: "CC BY 2.0",
      creator: first.creator,
      landingUrl: first.foreign_landing_url,
      thumbnail: `${OPENVERSE_BASE_URL}/v1/images/${first.id}/thumb/`,
      width: first.width,
      height: first.height,
    });
    expect(new Set(hits.map((hit) => hit.license))).toEqual(new Set(["CC BY 2.0", "CC BY-NC 2.0", "CC BY-SA 2.0", "CC BY-SA 3.0", "CC BY-SA 4.0", "CC0 1.0", "Public Domain Mark 1.0"]));
    for (const hit of hits) expect((await fetch(hit.url)).status, hit.url).toBe(200);
  });

  it("asks for `limit` results and returns no more", async () => {
    const { fetcher, sent } = recording();
    const hits = await createOpenverseSource({ ...base, fetcher }).search("apple", { limit: 5 });
    expect(hits.map((hit) => hit.id)).toEqual(apple.results.slice(0, 5).map((result) => result.id));
    expect(sent[0]!.url.searchParams.get("page_size")).toBe("5");
  });

  it("clamps page_size to the anonymous maximum of 20 (the real API answers 401 above it)", async () => {
    const { fetcher, sent } = recording();
    const hits = await createOpenverseSource({ ...base, pageSize: 100, fetcher }).search("apple", { limit: 50 });
    expect(hits).toHaveLength(20);
    expect(sent[0]!.echoed).toContain("page_size=20");
    expect((await fetch(`${OPENVERSE_BASE_URL}/v1/images/?q=apple&page_size=21`)).status).toBe(401);
  });

  it("sends the query, licence filters and a descriptive User-Agent", async () => {
    const { fetcher, sent } = recording();
    const source = createOpenverseSource({ ...base, pageSize: 12, licenses: "by,by-sa,cc0", licenseType: "commercial", fetcher });
    await source.search("green apple", { limit: 30 });
    const received = new URLSearchParams(sent[0]!.echoed ?? "");
    expect(Object.fromEntries(received)).toEqual({ q: "green apple", page_size: "12", license: "by,by-sa,cc0", license_type: "commercial" });
    expect(sent[0]!.url.pathname).toBe("/v1/images/");
    expect(sent[0]!.headers.get("user-agent")).toBe(OPENVERSE_USER_AGENT);

    await createOpenverseSource({ ...base, fetcher }).search("apple", { limit: 3 });
    expect([...sent[1]!.url.searchParams.keys()].sort()).toEqual(["page_size", "q"]);
  });

  it("runs exactly one search per call, visible in the fake host's counter", async () => {
    const before = await searchCount();
    await createOpenverseSource(base).search("apple", { limit: 2 });
    expect(await searchCount()).toBe(before + 1);
  });

  it("returns [] for no results, and for a limit below 1 without searching", async () => {
    expect(await createOpenverseSource(base).search("nothingatall", { limit: 10 })).toEqual([]);
    const { fetcher, sent } = recording();
    expect(await createOpenverseSource({ ...base, fetcher }).search("apple", { limit: 0 })).toEqual([]);
    expect(sent).toHaveLength(0);
  });

  it("skips results whose url is missing or not http(s)", async () => {
    const results = apple.results.slice(0, 4).map((result, i) => ({ ...result, url: [null, "ftp://example.org/a.jpg", "data:image/png;base64,AA", result.url][i] }));
    const hits = await createOpenverseSource({ ...base, fetcher: answering({ ...apple, results }) }).search("apple", { limit: 10 });
    expect(hits.map((hit) => hit.id)).toEqual([results[3]!.id]);
  });

  it("turns 429 into 503 source_unavailable carrying Retry-After", async () => {
    const error = await failure(createOpenverseSource(base).search("throttle", { limit: 5 }));
    expect(error).toMatchObject({ status: 503, code: "source_unavailable", details: { source: "openverse", retryAfterSeconds: 37 } });
  });

  it("turns 400 into 502 source_error naming the status and Openverse's reason", async () => {
    const error = await failure(createOpenverseSource(base).search("badparam", { limit: 5 }));
    expect(error).toMatchObject({ status: 502, code: "source_error", details: { status: 400 } });
    expect(error.message).toContain("400");
    expect(JSON.stringify(error.details)).toContain("does not exist");
  });

  it("turns a non-JSON or wrongly shaped 200 into 502 source_error", async () => {
    for (const query of ["broken", "wrongshape"]) {
      const error = await failure(createOpenverseSource(base).search(query, { limit: 5 }));
      expect(error, query).toMatchObject({ status: 502, code: "source_error" });
    }
    const missingLicense = { ...apple, results: [{ ...apple.results[0], license: undefined }] };
    expect(await failure(createOpenverseSource({ ...base, fetcher: answering(missingLicense) }).search("apple", { limit: 5 }))).toMatchObject({ status: 502 });
  });

  it("turns a network failure or a timeout into 503 source_unavailable", async () => {
    const down: typeof fetch = async () => {
      throw new TypeError("connection refused");
    };
    expect(await failure(createOpenverseSource({ ...base, fetcher: down }).search("apple", { limit: 5 }))).toMatchObject({ status: 503, code: "source_unavailable" });

    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)));
    const error = await failure(createOpenverseSource({ ...base, timeoutMs: 50, fetcher: hanging }).search("apple", { limit: 5 }));
    expect(error).toMatchObject({ status: 503, code: "source_unavailable" });
    expect(error.message).toContain("50 ms");
  });
});
