import { env } from "cloudflare:test";
import { app } from "../src/index.ts";
import type { ClusterResponse } from "../src/schemas/cluster.ts";
import { FAKE_HOST } from "./fake-image-host.ts";

export const img = (path: string) => `${FAKE_HOST}/${path}`;

export const PHOTOS = ["dog", "eagle", "giraffe", "horses", "kite", "person", "scream"].map((name) => img(`photos/${name}.jpg`));

/** Calls the app in this isolate, so module state (like the inference counter) is shared with the test. */
export async function postCluster(
  body: unknown,
  headers: Record<string, string> = { "content-type": "application/json" },
): Promise<Response> {
  return app.request(
    "/v1/cluster",
    { method: "POST", headers, body: typeof body === "string" || body instanceof FormData ? body : JSON.stringify(body) },
    env,
  );
}

export async function clusterOk(body: unknown): Promise<ClusterResponse> {
  const res = await postCluster(body);
  if (res.status !== 200) throw new Error(`expected 200, got ${res.status}: ${await res.text()}`);
  return res.json();
}

export async function bytesOf(path: string): Promise<Uint8Array> {
  const res = await fetch(img(path));
  if (!res.ok) throw new Error(`fixture ${path}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** The cluster index each id landed in. */
export function clusterOf(result: ClusterResponse): Map<string, number> {
  return new Map(result.images.map((image) => [image.id, image.cluster]));
}
