/**
 * Stands in for https://api.openverse.org on vitest's Node side, answering `/v1/images/` with
 * responses recorded in the real API's shape (test/fixtures/openverse/), so no test searches the
 * real service. It mirrors the real API where our code depends on it: 401 for an anonymous
 * `page_size` above 20, DRF's 429 body with Retry-After, DRF's 400 validation body.
 *
 * Queries: `apple` → apple.json, `nothingatall` → empty, `throttle` → 429, `broken` → 200 that is
 * not JSON, `wrongshape` → 200 JSON of the wrong shape, `badparam` → 400, anything else → empty.
 * Every search answer echoes the query string it received in `x-fake-openverse-query`.
 * `GET /__calls` reports `{ searches, byQuery }`; counts only grow, so tests compare before/after.
 */
export const FAKE_OPENVERSE_ORIGIN = "https://api.openverse.org";

type Reader = (name: string) => Promise<Uint8Array>;

const MAX_ANONYMOUS_PAGE_SIZE = 20;
const THROTTLE_SECONDS = "37";

/** One counter per call, so a vitest run shares a single search count across test files. */
export function fakeOpenverse(read: Reader) {
  let searches = 0;
  const byQuery: Record<string, number> = {};

  const fixture = async (name: string, status = 200, headers: Record<string, string> = {}) =>
    new Response(await read(name), { status, headers: { "content-type": "application/json", ...headers } });

  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (url.pathname === "/__calls") return Response.json({ searches, byQuery });
    if (url.pathname !== "/v1/images/" || request.method !== "GET") return Response.json({ detail: "Not found." }, { status: 404 });

    const q = (url.searchParams.get("q") ?? "").trim().toLowerCase();
    searches++;
    byQuery[q] = (byQuery[q] ?? 0) + 1;
    const pageSize = Number(url.searchParams.get("page_size") ?? MAX_ANONYMOUS_PAGE_SIZE);
    const response = pageSize > MAX_ANONYMOUS_PAGE_SIZE && !request.headers.has("authorization")
      ? await fixture("error-401.json", 401)
      : await answer(q);
    response.headers.set("x-fake-openverse-query", url.search);
    return response;
  };

  async function answer(q: string): Promise<Response> {
    if (q === "throttle") return fixture("error-429.json", 429, { "retry-after": THROTTLE_SECONDS });
    if (q === "badparam") return fixture("error-400.json", 400);
    if (q === "broken") return new Response("<html><body>502 Bad Gateway</body></html>", { headers: { "content-type": "application/json" } });
    if (q === "wrongshape") return Response.json({ result_count: "many", results: { id: 1 } });
    if (/\bapple\b/.test(q)) return fixture("apple.json");
    return fixture("empty.json");
  }
}

