import { ImageError } from "./errors.ts";

export type ImageFormat = "jpeg" | "png" | "webp";

/** What the header says, read before any decoding so hostile files are refused cheaply. */
export interface ImageInfo {
  format: ImageFormat;
  width: number;
  height: number;
  /** EXIF orientation 1..8 (1 when absent). */
  orientation: number;
}

const u16be = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const u32be = (b: Uint8Array, i: number) => ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;
const u24le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);
const ascii = (b: Uint8Array, i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));

/**
 * Decides the format from magic bytes (never from Content-Type), reads the dimensions and checks
 * that the file is complete, so a truncated upload fails with `truncated` rather than a garbled decode.
 */
export function sniffImage(bytes: Uint8Array): ImageInfo {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return sniffJpeg(bytes);
  if (bytes.length >= 8 && u32be(bytes, 0) === 0x89504e47 && u32be(bytes, 4) === 0x0d0a1a0a) return sniffPng(bytes);
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP") return sniffWebp(bytes);
  throw new ImageError("unsupported_format", "not a JPEG, PNG or WebP image (checked by its first bytes)");
}

function sniffJpeg(b: Uint8Array): ImageInfo {
  let i = 2;
  let orientation = 1;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) throw new ImageError("decode_failed", "corrupt JPEG marker structure");
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    const length = u16be(b, i + 2);
    if (marker === 0xe1 && ascii(b, i + 4, 6) === "Exif\0\0") orientation = exifOrientation(b, i + 10, i + 2 + length);
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      if (i + 9 > b.length) break;
      if (!hasJpegEnd(b)) throw new ImageError("truncated", "JPEG data ends before its end-of-image marker");
      return { format: "jpeg", height: u16be(b, i + 5), width: u16be(b, i + 7), orientation };
    }
    i += 2 + length;
  }
  throw new ImageError("truncated", "JPEG data ends before its frame header");
}

function hasJpegEnd(b: Uint8Array): boolean {
  for (let i = b.length - 2; i >= Math.max(0, b.length - 1024); i--) {
    if (b[i] === 0xff && b[i + 1] === 0xd9) return true;
  }
  return false;
}

function exifOrientation(b: Uint8Array, tiff: number, end: number): number {
  if (tiff + 8 > Math.min(end, b.length)) return 1;
  const le = b[tiff] === 0x49;
  const r16 = (i: number) => (le ? b[i]! | (b[i + 1]! << 8) : u16be(b, i));
  const r32 = (i: number) => (le ? (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16)) + b[i + 3]! * 2 ** 24 : u32be(b, i));
  const ifd = tiff + r32(tiff + 4);
  if (ifd + 2 > end) return 1;
  const count = r16(ifd);
  for (let e = 0; e < count && ifd + 2 + 12 * (e + 1) <= end; e++) {
    const entry = ifd + 2 + 12 * e;
    if (r16(entry) === 0x0112) {
      const value = r16(entry + 8);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

function sniffPng(b: Uint8Array): ImageInfo {
  if (b.length < 33 || ascii(b, 12, 4) !== "IHDR") throw new ImageError("truncated", "PNG data ends before its header");
  if (ascii(b, b.length - 8, 4) !== "IEND") throw new ImageError("truncated", "PNG data ends before its IEND chunk");
  return { format: "png", width: u32be(b, 16), height: u32be(b, 20), orientation: 1 };
}

function sniffWebp(b: Uint8Array): ImageInfo {
  const riffSize = (b[4]! | (b[5]! << 8) | (b[6]! << 16)) + b[7]! * 2 ** 24;
  if (riffSize + 8 > b.length) throw new ImageError("truncated", "WebP data is shorter than its RIFF header says");
  const chunk = ascii(b, 12, 4);
  if (chunk === "VP8X" && b.length >= 30) {
    return { format: "webp", width: u24le(b, 24) + 1, height: u24le(b, 27) + 1, orientation: 1 };
  }
  if (chunk === "VP8L" && b.length >= 25) {
    const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
    return { format: "webp", width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1, orientation: 1 };
  }
  if (chunk === "VP8 " && b.length >= 30) {
    return { format: "webp", width: (b[26]! | (b[27]! << 8)) & 0x3fff, height: (b[28]! | (b[29]! << 8)) & 0x3fff, orientation: 1 };
  }
  throw new ImageError("decode_failed", `unsupported WebP chunk "${chunk}"`);
}
