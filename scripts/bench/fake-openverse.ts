/**
 * A stand-in for Openverse and the image hosts it points at, on 127.0.0.1, so the query bench
 * measures the service and loopback rather than the internet and someone else's rate limits.
 * `/v1/images/` answers in the recorded shape of test/fixtures/openverse/apple.json; `/img/...`
 * serves the real Caltech-101 files from the shared data folder.
 */
import { readFileSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join, normalize } from "node:path";
import { ROOT } from "../lib/node-runtime.ts";
import { DATA } from "../eval/dataset.ts";

const IMAGES = join(DATA, "caltech101-sub30/images");
const FIXTURE_HOST = "https://img.test/caltech/";

/** A running fake, with counters so the bench can check which path each request took. */
export interface FakeOpenverse {
  /** Base URL for the OPENVERSE_BASE_URL var. */
  base: string;
  /** Searches and image downloads served so far. */
  counts: { searches: number; images: number };
  /** Makes `query` return these Caltech paths (relative to images/, e.g. "ant/image_0001.jpg"). */
  setQuery(query: string, paths: string[]): void;
  close(): Promise<void>;
}

type Result = Record<string, unknown> & { id: string; url: string };
type Fixture = Record<string, unknown> & { results: Result[] };

/** The fixture's `results` as a template, and its own query "apple" with its 20 Caltech paths. */
export function loadFixture(): { fixture: Fixture; applePaths: string[] } {
  const fixture = JSON.parse(readFileSync(join(ROOT, "test/fixtures/openverse/apple.json"), "utf8")) as Fixture;
  const applePaths = fixture.results.map((r) => {
    if (!r.url.startsWith(FIXTURE_HOST)) throw new Error(`unexpected fixture url ${r.url}`);
    return r.url.slice(FIXTURE_HOST.length);
  });
  return { fixture, applePaths };
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer) {
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) });
  res.end(body);
}

/** Starts the fake on a free loopback port. Unknown queries get an empty result list. */
export async function startFakeOpenverse(): Promise<FakeOpenverse> {
  const { fixture, applePaths } = loadFixture();
  const queries = new Map<string, string[]>([["apple", applePaths]]);
  const files = new Map<string, Buffer>();
  const counts = { searches: 0, images: 0 };
  let base = "";

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname === "/v1/images/") {
      counts.searches++;
      const paths = queries.get(url.searchParams.get("q") ?? "") ?? [];
      const size = Math.max(1, Number(url.searchParams.get("page_size")) || 20);
      const results = paths.slice(0, size).map((path, i) => {
        const template = fixture.results[i % fixture.results.length]!;
        return { ...template, id: paths === applePaths ? template.id : `bench-${path}`, url: `${base}/img/${path}` };
      });
      const body = { ...fixture, result_count: paths.length, page_count: 1, page_size: size, results };
      return send(res, 200, "application/json", JSON.stringify(body));
    }
    if (url.pathname.startsWith("/img/")) {
      const path = normalize(decodeURIComponent(url.pathname.slice("/img/".length)));
      if (path.startsWith("..") || path.startsWith("/")) return send(res, 400, "text/plain", "bad path");
      let bytes = files.get(path);
      try {
        bytes ??= readFileSync(join(IMAGES, path));
      } catch {
        return send(res, 404, "text/plain", "no such image");
      }
      files.set(path, bytes);
      counts.images++;
      return send(res, 200, "image/jpeg", bytes);
    }
    send(res, 404, "text/plain", "not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    counts,
    setQuery: (query, paths) => void queries.set(query, paths),
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    }),
  };
}

/**
 * `sets` disjoint sets of `size` Caltech paths, none in `exclude`, each spread over the classes
 * (every stride-th row of labels.csv), so each cold sample embeds pictures nobody embedded yet.
 */
export function caltechSets(sets: number, size: number, exclude: string[]): string[][] {
  const skip = new Set(exclude);
  const rows = readFileSync(join(DATA, "caltech101-sub30/labels.csv"), "utf8").trim().split("\n").slice(1);
  const paths = rows.map((r) => r.split(",")[0]!.replace(/^images\//, "")).filter((p) => !skip.has(p));
  const stride = Math.floor(paths.length / size);
  if (sets > stride) throw new Error(`at most ${stride} disjoint sets of ${size} images`);
  return Array.from({ length: sets }, (_, i) => Array.from({ length: size }, (_, j) => paths[j * stride + i]!));
}
