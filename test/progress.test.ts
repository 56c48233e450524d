import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { app } from "../src/index.ts";
import { img } from "./helpers.ts";

async function streamed(images: { url: string }[]) {
  const res = await app.request(
    "/v1/cluster",
    { method: "POST", headers: { "content-type": "application/json", accept: "application/x-ndjson" }, body: JSON.stringify({ images, k: 2 }) },
    env,
  );
  expect(res.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
  const lines = (await res.text()).trim().split("\n").map((l) => JSON.parse(l) as { type: string; stage?: string; done?: number; total?: number });
  return { res, lines };
}

describe("POST /v1/cluster with progress (NDJSON)", () => {
  it("reports each image read and each batch embedded, then the result", async () => {
    const images = ["tick/image_0001", "tick/image_0002", "llama/image_0001", "llama/image_0004", "pagoda/image_0004"].map((f) => ({
      url: img(`caltech/${f}.jpg`),
    }));
    const { res, lines } = await streamed([...images, { url: img("status/404") }]);
    expect(res.status).toBe(200);
    const reads = lines.filter((l) => l.stage === "read");
    expect(reads.map((l) => l.done)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(reads.every((l) => l.total === 6)).toBe(true);
    const embeds = lines.filter((l) => l.stage === "embed");
    expect(embeds.at(-1)).toMatchObject({ done: 5, total: 5 });
    const last = lines.at(-1) as { type: string; result: { clusters: { size: number }[]; errors: unknown[] } };
    expect(last.type).toBe("result");
    expect(last.result.clusters.reduce((n, c) => n + c.size, 0)).toBe(5);
    expect(last.result.errors).toHaveLength(1);
  });

  it("ends with an error line when no image can be used", async () => {
    const { lines } = await streamed([{ url: img("status/404") }]);
    expect(lines.at(-1)).toMatchObject({ type: "error", error: { code: "no_usable_images" } });
  });
});
