/**
 * The bench's image sets, read from the shared data folder (never copied into the repo):
 * large real photos, small Caltech-101 JPEGs, and the photos re-encoded as PNG, since PNG
 * decoding costs differ from JPEG's for the same pixels.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import encodePng, { init as initPngEncoder } from "@jsquash/png/encode.js";
import { decodeImage } from "../../src/core/image/decode.ts";
import { sniffImage } from "../../src/core/image/sniff.ts";
import { DATA } from "../eval/dataset.ts";

/** A named list of encoded images, with a size note for the printed table. */
export interface ImageSet {
  name: string;
  note: string;
  images: Uint8Array[];
}

const read = (path: string) => new Uint8Array(readFileSync(path));

function describe(images: Uint8Array[]): string {
  const pixels = images.map((b) => sniffImage(b)).map((i) => i.width * i.height);
  const mean = pixels.reduce((s, p) => s + p, 0) / pixels.length;
  return `${images.length} imgs, mean ${(mean / 1e6).toFixed(2)} MP`;
}

/** `count` Caltech-101 files spread evenly over labels.csv (so over all classes), deterministic. */
export function caltechFiles(count: number): string[] {
  const rows = readFileSync(join(DATA, "caltech101-sub30/labels.csv"), "utf8").trim().split("\n").slice(1);
  const files = rows.map((r) => r.split(",")[0]!);
  if (count > files.length) throw new Error(`asked for ${count} Caltech images, ${files.length} exist`);
  return Array.from({ length: count }, (_, i) => join(DATA, "caltech101-sub30", files[Math.floor((i * files.length) / count)]!));
}

/**
 * Loads the three sets. Needs the codecs initialised (nodeEmbedder does it): PNGs are made by
 * decoding the photos and encoding them with @jsquash/png.
 */
export async function loadImageSets(pngWasm: WebAssembly.Module): Promise<ImageSet[]> {
  const photoNames = ["dog", "eagle", "giraffe", "horses", "kite", "person", "scream"];
  const photos = photoNames.map((p) => read(join(DATA, "photos", `${p}.jpg`)));
  const caltech = caltechFiles(16).map(read);
  await initPngEncoder(pngWasm);
  const pngs: Uint8Array[] = [];
  for (const jpeg of photos) {
    const { data, width, height } = await decodeImage(jpeg, sniffImage(jpeg));
    const imageData = { data: new Uint8ClampedArray(data), width, height, colorSpace: "srgb" } as unknown as Parameters<typeof encodePng>[0];
    pngs.push(new Uint8Array(await encodePng(imageData)));
  }
  return [
    { name: "photos JPEG", note: `${describe(photos)}, 352-1352 px`, images: photos },
    { name: "Caltech JPEG", note: describe(caltech), images: caltech },
    { name: "photos PNG", note: `${describe(pngs)}, RGBA`, images: pngs },
  ];
}
