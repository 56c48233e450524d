/**
 * Wires the runtime-agnostic core to workerd: the model and every wasm binary travel inside the
 * bundle (workerd cannot compile wasm from bytes at run time), and are instantiated once per isolate.
 */
import jpegWasm from "@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm";
// @ts-expect-error wasm-bindgen's .d.ts describes the instance; wrangler imports the file as a WebAssembly.Module.
import pngWasm from "@jsquash/png/codec/pkg/squoosh_png_bg.wasm";
import webpWasm from "@jsquash/webp/codec/dec/webp_dec.wasm";
import ortWasm from "onnxruntime-web/ort-wasm-simd-threaded.wasm";
import model from "../models/mobilenetv2-12-int8.embed.onnx";
import { initCodecs } from "./core/image/decode.ts";
import { createEmbedder, getSession, type Embedder } from "./core/onnx-session.ts";

let embedder: Promise<Embedder> | undefined;

/** The isolate's embedder: codecs and inference session are created on first use only. */
export function getEmbedder(): Promise<Embedder> {
  embedder ??= (async () => {
    await initCodecs({ jpeg: jpegWasm, png: pngWasm, webp: webpWasm });
    return createEmbedder(await getSession(new Uint8Array(model), ortWasm));
  })().catch((error: unknown) => {
    embedder = undefined;
    throw error;
  });
  return embedder;
}
