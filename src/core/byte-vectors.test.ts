import { describe, expect, it } from "vitest";
import { cosineBytes, quantise, TopK } from "./byte-vectors.ts";

const cosine = (a: Float32Array, b: Float32Array) => {
  let d = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) {
    d += a[i]! * b[i]!;
    na += a[i]! ** 2;
    nb += b[i]! ** 2;
  }
  return d / Math.sqrt(na * nb);
};

describe("byte vectors", () => {
  it("keeps cosine similarity within 0.005 of the float vectors", () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 20; trial++) {
      const a = Float32Array.from({ length: 1280 }, () => rand() * 3);
      const b = Float32Array.from(a, (v) => Math.max(0, v + (rand() - 0.5) * 2));
      expect(Math.abs(cosineBytes(quantise(a), quantise(b)) - cosine(a, b))).toBeLessThan(0.005);
    }
  });

  it("maps the largest value to 255 and zeros to zero", () => {
    expect([...quantise(Float32Array.from([0, 1, 2, 4]))]).toEqual([0, 64, 128, 255]);
    expect(cosineBytes(quantise(new Float32Array(4)), quantise(Float32Array.from([1, 0, 0, 0])))).toBe(0);
  });

  it("keeps the k most similar, best first, ties by id", () => {
    const top = new TopK(2);
    for (const [id, s] of [["a", 0.5], ["b", 0.9], ["c", 0.7], ["d", 0.9], ["e", 0.1]] as const) top.offer(id, s);
    expect(top.items).toEqual([{ id: "b", similarity: 0.9 }, { id: "d", similarity: 0.9 }]);
  });
});
