/**
 * A tiny closed-loop load generator for the query bench: a fixed number of requests from a few
 * concurrent loops, per-request latencies pooled for p50/p99 (a median of rounds, as stats.ts
 * does, would hide the tail), and requests per second per round for interleave().
 */
import { summarise, type Contender, type Summary } from "./stats.ts";

/** One path at one concurrency: pooled per-request latencies (kept rounds) and req/s per round. */
export interface LoadStats {
  path: "floor" | "hit" | "miss" | "cold" | "first";
  concurrency: number;
  requests: number;
  p50: number;
  p99: number;
  rps: Summary;
  latencies: number[];
}

function percentile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo]! + (s[Math.ceil(at)]! - s[lo]!) * (at - lo);
}

/** Summarises pooled latencies (ms) and per-round req/s; latencies kept at 0.01 ms for bench.json. */
export function loadStats(path: LoadStats["path"], concurrency: number, latencies: number[], rps: number[]): LoadStats {
  return {
    path, concurrency, requests: latencies.length, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99),
    rps: summarise(rps), latencies: latencies.map((x) => Math.round(x * 100) / 100),
  };
}

/** `n` requests from `concurrency` loops, each starting its next request when its last one ends. */
export async function load(n: number, concurrency: number, one: () => Promise<number>) {
  const latencies: number[] = [];
  let started = 0;
  const t = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (started < n) {
      started++;
      latencies.push(await one());
    }
  }));
  return { latencies, rps: (n / (performance.now() - t)) * 1000 };
}

/**
 * A contender for interleave() whose sample is one round of `n` requests (its req/s); the
 * latencies of rounds after the first `warmup` (the ones interleave keeps) are pooled in `kept`.
 */
export function loadContender(name: string, n: number, concurrency: number, warmup: number, one: () => Promise<number>) {
  const kept: number[] = [];
  let calls = 0;
  const contender: Contender = {
    name,
    async sample() {
      const r = await load(n, concurrency, one);
      if (++calls > warmup) kept.push(...r.latencies);
      return r.rps;
    },
  };
  return { contender, kept };
}

/** GETs `url` and reads the whole body; the ms run from the call to the last body byte. */
export async function timedGet(url: URL): Promise<{ ms: number; res: Response; body: string }> {
  const t = performance.now();
  const res = await fetch(url);
  const body = await res.text();
  return { ms: performance.now() - t, res, body };
}
