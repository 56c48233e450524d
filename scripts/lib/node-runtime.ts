/**
 * The same core as the Worker, on Node: codecs and ORT wasm compiled from node_modules, the
 * prepared model read from models/. Used by eval and bench.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { initCodecs } from "../../src/core/image/decode.ts";
import { MODEL } from "../../src/core/model.ts";
import { createEmbedder, getSession, type Embedder } from "../../src/core/onnx-session.ts";

export const ROOT = join(import.meta.dirname, "../..");

const compile = (path: string) => new WebAssembly.Module(readFileSync(path));
const nodeModule = (spec: string) => join(ROOT, "node_modules", spec);

/** Loads codecs and the inference session once. */
export async function nodeEmbedder(): Promise<Embedder> {
  await initCodecs({
    jpeg: compile(nodeModule("@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm")),
    png: compile(nodeModule("@jsquash/png/codec/pkg/squoosh_png_bg.wasm")),
    webp: compile(nodeModule("@jsquash/webp/codec/dec/webp_dec.wasm")),
  });
  const model = new Uint8Array(readFileSync(join(ROOT, "models", MODEL.prepared)));
  const ortWasm = compile(nodeModule("onnxruntime-web/dist/ort-wasm-simd-threaded.wasm"));
  return createEmbedder(await getSession(model, ortWasm));
}
