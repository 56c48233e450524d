/**
 * Joins typed arrays end to end: chunks of a fetched body, a signing prefix and a raw body, or
 * per-image vectors into the row-major matrix clusterImages takes.
 */
function concatArrays<T extends Uint8Array | Float32Array>(parts: readonly T[], make: (length: number) => T): T {
  const out = make(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Per-image vectors end to end: the row-major matrix clusterImages takes. */
export const concatFloat32 = (parts: readonly Float32Array[]): Float32Array => concatArrays(parts, (n) => new Float32Array(n));

/** Byte arrays end to end, e.g. a signing prefix and a raw body without decoding it. */
export const concatBytes = (...parts: Uint8Array[]): Uint8Array => concatArrays(parts, (n) => new Uint8Array(n));
