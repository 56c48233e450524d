import { createRng } from "./random.ts";

/** Non-negative, well separated Gaussian-ish blobs for tests; rows grouped by blob. */
export interface Blobs {
  n: number;
  d: number;
  data: Float32Array;
  truth: number[];
}

/**
 * `sizes[b]` points around blob b. Centres are sparse non-negative "feature" patterns
 * (like ReLU activations), noise is small, so any sane clustering recovers the blobs.
 */
export function makeBlobs(sizes: readonly number[], d: number, seed = 7, noise = 0.05): Blobs {
  const rng = createRng(seed);
  const gauss = (): number => {
    let s = 0;
    for (let i = 0; i < 6; i++) s += rng();
    return (s - 3) / Math.sqrt(0.5);
  };
  const centres = sizes.map(() => Array.from({ length: d }, () => (rng() < 0.3 ? 1 + rng() : 0)));
  const n = sizes.reduce((a, b) => a + b, 0);
  const data = new Float32Array(n * d);
  const truth: number[] = [];
  let row = 0;
  sizes.forEach((size, b) => {
    for (let p = 0; p < size; p++, row++) {
      truth.push(b);
      for (let t = 0; t < d; t++) data[row * d + t] = Math.max(0, centres[b]![t]! + noise * gauss());
    }
  });
  return { n, d, data, truth };
}

/** Softmax-like rows putting `mass` on class `cls[i]` and the rest spread evenly. */
export function makeProbabilities(cls: readonly number[], classes: number, mass = 0.7): Float32Array {
  const out = new Float32Array(cls.length * classes).fill((1 - mass) / (classes - 1));
  cls.forEach((c, i) => (out[i * classes + c] = mass));
  return out;
}
