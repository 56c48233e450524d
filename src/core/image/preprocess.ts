/** How to read the model input: square size, the short side before the crop, normalisation. */
export interface PreprocessSpec {
  size: number;
  resizeShortSide: number;
  mean: readonly number[];
  std: readonly number[];
}

interface Pixels {
  data: ArrayLike<number>;
  width: number;
  height: number;
}

/** Source index = base + x * dx + y * dy for a displayed pixel (x, y), per EXIF orientation 1..8. */
function orientationWalk(o: number, w: number, h: number) {
  const last = (h - 1) * w * 4;
  const right = (w - 1) * 4;
  const row = 4 * w;
  const walks: Record<number, [number, number, number]> = {
    1: [0, 4, row],
    2: [right, -4, row],
    3: [last + right, -4, -row],
    4: [last, 4, -row],
    5: [0, row, 4],
    6: [last, -row, 4],
    7: [last + right, -row, -4],
    8: [right, row, -4],
  };
  const [base, dx, dy] = walks[o] ?? walks[1]!;
  const rotated = o >= 5 && o <= 8;
  return { base, dx, dy, width: rotated ? h : w, height: rotated ? w : h };
}

/** Triangle-filter taps for one axis; the support widens with the shrink factor (antialiasing). */
function taps(inSize: number, outSize: number, start: number, ratio: number) {
  const support = Math.max(1, ratio);
  const first = new Int32Array(outSize);
  const weights: Float32Array[] = [];
  for (let i = 0; i < outSize; i++) {
    const centre = start + (i + 0.5) * ratio;
    const lo = Math.floor(centre - support);
    const hi = Math.ceil(centre + support);
    const w = new Float32Array(hi - lo);
    let sum = 0;
    for (let j = lo; j < hi; j++) sum += w[j - lo] = Math.max(0, 1 - Math.abs(j + 0.5 - centre) / support);
    for (let j = 0; j < w.length; j++) w[j]! /= sum;
    first[i] = lo;
    weights.push(w);
  }
  const clamp = (j: number) => Math.min(inSize - 1, Math.max(0, j));
  return { first, weights, clamp };
}

/**
 * Turns decoded RGBA into the model's NCHW float input, like torchvision's Resize(256, antialias)
 * + CenterCrop(224): EXIF orientation applied, alpha flattened on white, a triangle filter so
 * large photos do not alias, then (x/255 - mean) / std. Writes into `out` at `offset`.
 */
export function preprocess(image: Pixels, orientation: number, spec: PreprocessSpec, out: Float32Array, offset = 0): void {
  const { base, dx, dy, width, height } = orientationWalk(orientation, image.width, image.height);
  const { size } = spec;
  const ratio = Math.min(width, height) / spec.resizeShortSide;
  const crop = size * ratio;
  const hx = taps(width, size, (width - crop) / 2, ratio);
  const hy = taps(height, size, (height - crop) / 2, ratio);
  const rowLo = hy.clamp(hy.first[0]!);
  const rowHi = hy.clamp(hy.first[size - 1]! + hy.weights[size - 1]!.length - 1);
  const rows = rowHi - rowLo + 1;
  const src = image.data;
  const mid = new Float32Array(rows * size * 3);
  for (let y = 0; y < rows; y++) {
    const rowBase = base + (rowLo + y) * dy;
    for (let x = 0; x < size; x++) {
      const w = hx.weights[x]!;
      let r = 0, g = 0, b = 0;
      for (let t = 0; t < w.length; t++) {
        const p = rowBase + hx.clamp(hx.first[x]! + t) * dx;
        const a = src[p + 3]! / 255;
        const white = 255 * (1 - a);
        r += w[t]! * (src[p]! * a + white);
        g += w[t]! * (src[p + 1]! * a + white);
        b += w[t]! * (src[p + 2]! * a + white);
      }
      const m = (y * size + x) * 3;
      mid[m] = r;
      mid[m + 1] = g;
      mid[m + 2] = b;
    }
  }
  const plane = size * size;
  for (let y = 0; y < size; y++) {
    const w = hy.weights[y]!;
    for (let x = 0; x < size; x++) {
      for (let c = 0; c < 3; c++) {
        let v = 0;
        for (let t = 0; t < w.length; t++) v += w[t]! * mid[((hy.clamp(hy.first[y]! + t) - rowLo) * size + x) * 3 + c]!;
        out[offset + c * plane + y * size + x] = (v / 255 - spec.mean[c]!) / spec.std[c]!;
      }
    }
  }
}
