/**
 * Catalogue embeddings as one byte per dimension (1280 B an image instead of 5 KB): pooled CNN
 * features are non-negative, and cosine similarity ignores scale, so `round(v / max * 255)` keeps
 * what duplicate and neighbour search need without storing a scale.
 */
export function quantise(embedding: Float32Array): Uint8Array {
  let max = 0;
  for (const v of embedding) max = Math.max(max, v);
  const out = new Uint8Array(embedding.length);
  if (max === 0) return out;
  for (let i = 0; i < embedding.length; i++) out[i] = Math.round((Math.max(0, embedding[i]!) / max) * 255);
  return out;
}

/** Cosine similarity of two quantised vectors (0 when either is all zeros). */
export function cosineBytes(a: Uint8Array, b: Uint8Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

export interface Neighbour {
  id: string;
  similarity: number;
}

/** Keeps the `k` most similar of a stream of candidates (a page at a time, bounded memory). */
export class TopK {
  readonly items: Neighbour[] = [];
  private readonly k: number;

  constructor(k: number) {
    this.k = k;
  }

  offer(id: string, similarity: number): void {
    if (this.items.length === this.k && similarity <= this.items[this.k - 1]!.similarity) return;
    this.items.push({ id, similarity });
    this.items.sort((a, b) => b.similarity - a.similarity || (a.id < b.id ? -1 : 1));
    if (this.items.length > this.k) this.items.pop();
  }
}
