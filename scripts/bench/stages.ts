/**
 * The pipeline stages as the bench times them, shared verbatim by the bench Worker (workerd) and
 * the Node side, so both contenders run exactly the same code on the same bytes.
 */
import { decodeImage, type RgbaImage } from "../../src/core/image/decode.ts";
import { preprocess } from "../../src/core/image/preprocess.ts";
import { sniffImage } from "../../src/core/image/sniff.ts";
import { MODEL } from "../../src/core/model.ts";
import type { Embedder } from "../../src/core/onnx-session.ts";

export type Stage = "decode" | "preprocess" | "infer";

/** What to time: `decode`/`preprocess` pass over all images; `infer` runs one batch of `batch`. */
export interface StageRequest {
  stage: Stage;
  batch: number;
  reps: number;
}

const INPUT = 3 * MODEL.input.size * MODEL.input.size;

interface Decoded {
  image: RgbaImage;
  orientation: number;
}

async function decodeAll(images: Uint8Array[]): Promise<Decoded[]> {
  const out: Decoded[] = [];
  for (const bytes of images) {
    const info = sniffImage(bytes);
    out.push({ image: await decodeImage(bytes, info), orientation: info.orientation });
  }
  return out;
}

function batchPixels(decoded: Decoded[], batch: number): Float32Array {
  const pixels = new Float32Array(batch * INPUT);
  for (let i = 0; i < batch; i++) {
    const d = decoded[i % decoded.length]!;
    preprocess(d.image, d.orientation, MODEL.input, pixels, i * INPUT);
  }
  return pixels;
}

/** The model input for a batch of `batch` images (cycling through `images`), e.g. for native ORT. */
export async function prepareBatch(images: Uint8Array[], batch: number): Promise<Float32Array> {
  return batchPixels(await decodeAll(images), batch);
}

/**
 * Runs one stage `reps` times and returns the milliseconds of each repetition (a whole pass or a
 * whole batch). Untimed set-up (decoding before preprocess, building the batch) happens first.
 * `now` is the clock: workerd's inside the Worker, Node's performance.now() outside.
 */
export async function runStage(
  embedder: Embedder,
  images: Uint8Array[],
  req: StageRequest,
  now: () => number = () => performance.now(),
): Promise<number[]> {
  const times: number[] = [];
  const time = async (fn: () => unknown) => {
    const t = now();
    await fn();
    times.push(now() - t);
  };
  if (req.stage === "decode") {
    for (let r = 0; r < req.reps; r++) {
      await time(async () => {
        for (const bytes of images) await decodeImage(bytes, sniffImage(bytes));
      });
    }
    return times;
  }
  const decoded = await decodeAll(images);
  if (req.stage === "preprocess") {
    const out = new Float32Array(INPUT);
    for (let r = 0; r < req.reps; r++) {
      await time(() => decoded.forEach((d) => preprocess(d.image, d.orientation, MODEL.input, out)));
    }
    return times;
  }
  const pixels = batchPixels(decoded, req.batch);
  for (let r = 0; r < req.reps; r++) await time(() => embedder.run(pixels, req.batch));
  return times;
}

/** Images travel to the Worker as one body plus their byte lengths in a header. */
export function packImages(images: Uint8Array[]): { body: Uint8Array<ArrayBuffer>; sizes: string } {
  const body = new Uint8Array(images.reduce((s, b) => s + b.length, 0));
  let at = 0;
  for (const b of images) {
    body.set(b, at);
    at += b.length;
  }
  return { body, sizes: images.map((b) => b.length).join(",") };
}

/** Inverse of `packImages`. */
export function unpackImages(body: Uint8Array, sizes: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  for (const n of sizes.split(",").filter(Boolean).map(Number)) {
    out.push(body.slice(at, at + n));
    at += n;
  }
  if (at !== body.length) throw new Error(`sizes add up to ${at} bytes, the body has ${body.length}`);
  return out;
}
