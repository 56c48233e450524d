import { concatBytes } from "../core/concat.ts";
import { ImageError } from "../core/image/errors.ts";

export interface FetchLimits {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects?: number;
  /** Only for local benchmarks against a loopback image server; never in production. */
  allowPrivateHosts?: boolean;
}

const PRIVATE_HOST = [
  /^localhost$/i,
  /\.localhost$/i,
  /\.internal$/i,
  /^127\./,
  /^10\./,
  /^192\.168\./,
  /^172\.(1[6-9]|2\d|3[01])\./,
  /^169\.254\./,
  /^0\./,
  /^\[?(::1?|f[cd][0-9a-f]{2}:.*|fe80:.*)\]?$/i,
];

/** Rejects anything but public http(s) URLs; applied to every redirect hop too. */
function checkUrl(raw: string, allowPrivateHosts = false): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ImageError("invalid_url", "not a valid absolute URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ImageError("scheme_not_allowed", `scheme "${url.protocol.slice(0, -1)}" is not allowed; use http or https`);
  }
  if (url.username || url.password) throw new ImageError("invalid_url", "URLs with credentials are not fetched");
  if (!allowPrivateHosts && PRIVATE_HOST.some((re) => re.test(url.hostname))) {
    throw new ImageError("host_not_allowed", `host "${url.hostname}" is private or local`);
  }
  return url;
}

/**
 * Fetches untrusted image URLs with a scheme check, a host check on every redirect, an overall
 * timeout and a byte cap enforced while streaming (a lying Content-Length changes nothing).
 */
export async function fetchImage(raw: string, limits: FetchLimits): Promise<Uint8Array> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    let url = checkUrl(raw, limits.allowPrivateHosts);
    for (let hop = 0; ; hop++) {
      const res = await fetch(url, { redirect: "manual", signal, headers: { accept: "image/avif,image/webp,image/png,image/jpeg,*/*;q=0.5" } });
      const location = res.headers.get("location");
      if (res.status >= 300 && res.status < 400 && location) {
        await res.body?.cancel();
        if (hop >= (limits.maxRedirects ?? 3)) throw new ImageError("fetch_failed", "too many redirects");
        url = checkUrl(new URL(location, url).href, limits.allowPrivateHosts);
        continue;
      }
      if (!res.ok) {
        await res.body?.cancel();
        throw new ImageError("http_error", `the server answered HTTP ${res.status}`, res.status);
      }
      return await readCapped(res, limits.maxBytes);
    }
  } catch (error) {
    if (error instanceof ImageError) throw error;
    if (signal.aborted) throw new ImageError("timeout", `no complete answer within ${limits.timeoutMs} ms`);
    throw new ImageError("fetch_failed", `could not fetch the image (${(error as Error).message})`);
  }
}

async function readCapped(res: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get("content-length"));
  const tooLarge = () => new ImageError("too_large", `the image is larger than the ${maxBytes}-byte limit`);
  if (declared > maxBytes) {
    await res.body?.cancel();
    throw tooLarge();
  }
  return readStreamCapped(res.body, maxBytes, tooLarge);
}

/** Reads a body stream into one array, giving up as soon as it passes `maxBytes`. */
async function readStreamCapped(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  tooLarge: () => Error,
): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return concatBytes(...chunks);
}
