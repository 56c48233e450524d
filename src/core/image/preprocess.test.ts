import { describe, expect, it } from "vitest";
import { preprocess, type PreprocessSpec } from "./preprocess.ts";

const SPEC: PreprocessSpec = { size: 8, resizeShortSide: 8, mean: [0, 0, 0], std: [1, 1, 1] };
const PLANE = SPEC.size * SPEC.size;

function image(width: number, height: number, pixel: (x: number, y: number) => [number, number, number, number]) {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(pixel(x, y), (y * width + x) * 4);
  return { data, width, height };
}

const at = (out: Float32Array, c: number, x: number, y: number) => out[c * PLANE + y * SPEC.size + x]!;

describe("preprocess", () => {
  it("normalises with the manifest's mean and std", () => {
    const out = new Float32Array(3 * PLANE);
    preprocess(image(20, 20, () => [255, 0, 51, 255]), 1, { ...SPEC, mean: [0.5, 0, 0.1], std: [0.5, 1, 0.1] }, out);
    expect(at(out, 0, 3, 3)).toBeCloseTo(1, 5);
    expect(at(out, 1, 3, 3)).toBeCloseTo(0, 5);
    expect(at(out, 2, 3, 3)).toBeCloseTo(1, 5);
  });

  it("flattens transparency on white", () => {
    const out = new Float32Array(3 * PLANE);
    preprocess(image(16, 16, () => [0, 0, 0, 0]), 1, SPEC, out);
    expect([...out].every((v) => Math.abs(v - 1) < 1e-6)).toBe(true);
  });

  it("centre-crops the long side", () => {
    const out = new Float32Array(3 * PLANE);
    preprocess(image(32, 8, (x) => (x < 8 || x >= 24 ? [255, 0, 0, 255] : [0, 0, 255, 255])), 1, SPEC, out);
    expect(at(out, 2, 0, 4)).toBeCloseTo(1, 5);
    expect(at(out, 0, 7, 4)).toBeCloseTo(0, 5);
  });

  it("averages instead of aliasing when it shrinks", () => {
    const out = new Float32Array(3 * PLANE);
    preprocess(image(64, 64, (x, y) => ((x + y) % 2 ? [255, 255, 255, 255] : [0, 0, 0, 255])), 1, SPEC, out);
    for (const v of out) expect(v).toBeCloseTo(0.5, 1);
  });

  it("applies EXIF orientation: 6 turns the left edge to the top, 8 to the bottom", () => {
    const leftRed = image(2, 1, (x) => (x === 0 ? [255, 0, 0, 255] : [0, 0, 255, 255]));
    const out6 = new Float32Array(3 * PLANE);
    preprocess(leftRed, 6, SPEC, out6);
    expect(at(out6, 0, 4, 0)).toBeGreaterThan(0.9);
    expect(at(out6, 2, 4, 7)).toBeGreaterThan(0.9);
    const out8 = new Float32Array(3 * PLANE);
    preprocess(leftRed, 8, SPEC, out8);
    expect(at(out8, 2, 4, 0)).toBeGreaterThan(0.9);
    expect(at(out8, 0, 4, 7)).toBeGreaterThan(0.9);
  });
});
