/**
 * Bench-only Worker (never deployed): runs one pipeline stage on the posted images inside workerd
 * and answers the milliseconds per repetition, measured with workerd's own clock. `/clock` lets
 * the Node side check first that this clock advances during synchronous work (see clock.ts).
 * `/cluster` times the clustering step (clusterImages) on posted embeddings + probabilities.
 */
import { getEmbedder } from "../../src/runtime.ts";
import { parseK, timeClustering, unpackClusterInput } from "./cluster-run.ts";
import { runStage, unpackImages, type Stage } from "./stages.ts";

/** Fixed CPU work whose duration both sides can measure; returns its in-Worker milliseconds. */
function spin(work: number): { ms: number; sink: number } {
  const t = performance.now();
  let sink = 0;
  for (let i = 0; i < work; i++) sink += Math.sqrt(i);
  return { ms: performance.now() - t, sink };
}

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const param = (name: string, fallback: number) => Number(url.searchParams.get(name) ?? fallback);
    if (url.pathname === "/clock") return Response.json(spin(param("work", 0)));
    if (url.pathname === "/cluster" && request.method === "POST") {
      const input = unpackClusterInput(await request.arrayBuffer(), param("n", 0));
      return Response.json(timeClustering(input, parseK(url.searchParams.get("k")), param("reps", 1)));
    }
    if (url.pathname === "/run" && request.method === "POST") {
      const images = unpackImages(new Uint8Array(await request.arrayBuffer()), request.headers.get("x-sizes") ?? "");
      const embedder = await getEmbedder();
      const stage = (url.searchParams.get("stage") ?? "decode") as Stage;
      const ms = await runStage(embedder, images, { stage, batch: param("batch", 1), reps: param("reps", 1) });
      return Response.json({ ms });
    }
    return new Response("not found", { status: 404 });
  },
};
