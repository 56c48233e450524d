import decodeJpeg, { init as initJpeg } from "@jsquash/jpeg/decode.js";
import decodePng, { init as initPng } from "@jsquash/png/decode.js";
import decodeWebp, { init as initWebp } from "@jsquash/webp/decode.js";
import { ImageError } from "./errors.ts";
import type { ImageInfo } from "./sniff.ts";

/** Pre-compiled codec wasm: workerd imports them as modules, Node compiles them from node_modules. */
export interface CodecModules {
  jpeg: WebAssembly.Module;
  png: WebAssembly.Module;
  webp: WebAssembly.Module;
}

/** Decoded pixels, 4 bytes per pixel, row-major, before EXIF orientation is applied. */
export interface RgbaImage {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
}

let ready: Promise<unknown> | undefined;

/** Instantiates the codecs once per isolate; later calls reuse them. */
export function initCodecs(modules: CodecModules): Promise<unknown> {
  ready ??= Promise.all([initJpeg(modules.jpeg), initPng(modules.png), initWebp(modules.webp)]);
  return ready;
}

/** Decodes a sniffed image; the caller has already applied the pixel cap. */
export async function decodeImage(bytes: Uint8Array, info: ImageInfo): Promise<RgbaImage> {
  if (!ready) throw new Error("initCodecs() must run before decodeImage()");
  await ready;
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let image: { data: Uint8ClampedArray; width: number; height: number };
  try {
    if (info.format === "jpeg") image = await decodeJpeg(buffer);
    else if (info.format === "png") image = await decodePng(buffer);
    else image = await decodeWebp(buffer);
  } catch (error) {
    throw new ImageError("decode_failed", `the ${info.format.toUpperCase()} data could not be decoded (${(error as Error).message})`);
  }
  if (image.width !== info.width || image.height !== info.height) {
    throw new ImageError("decode_failed", `decoded size ${image.width}x${image.height} differs from the header's`);
  }
  return image;
}
