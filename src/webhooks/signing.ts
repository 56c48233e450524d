import { concatBytes } from "../core/concat.ts";

const encoder = new TextEncoder();

/** HMAC-SHA256 of `data` with `secret`, raw bytes. */
export async function hmacSha256(secret: string, data: Uint8Array | string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, typeof data === "string" ? encoder.encode(data) : data));
}

export const toHex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");

/** Constant-time comparison, so a signature cannot be guessed byte by byte from response times. */
export function safeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  if (x.byteLength !== y.byteLength) return false;
  return crypto.subtle.timingSafeEqual(x, y);
}

/**
 * The generic provider's signature: HMAC-SHA256 of `${timestamp}.${raw body}`, as Stripe and Slack
 * do, so neither the bytes nor the time can be altered, and old deliveries cannot be replayed.
 */
export async function signGeneric(secret: string, timestamp: number, body: Uint8Array): Promise<string> {
  return `v1=${toHex(await hmacSha256(secret, concatBytes(encoder.encode(`${timestamp}.`), body)))}`;
}
