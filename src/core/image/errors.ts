/**
 * Stable, per-image error codes. They appear in API responses next to the failing image, so
 * clients can branch on them; the message is for people.
 */
export type ImageErrorCode =
  | "invalid_url"
  | "scheme_not_allowed"
  | "host_not_allowed"
  | "fetch_failed"
  | "http_error"
  | "timeout"
  | "too_large"
  | "too_many_pixels"
  | "unsupported_format"
  | "truncated"
  | "decode_failed";

const TRANSIENT: ReadonlySet<ImageErrorCode> = new Set(["timeout", "fetch_failed"]);

/** Thrown for one image; the batch goes on without it. */
export class ImageError extends Error {
  readonly code: ImageErrorCode;
  /** The HTTP status of an `http_error`. */
  readonly status: number | undefined;

  constructor(code: ImageErrorCode, message: string, status?: number) {
    super(message);
    this.code = code;
    this.status = status;
    this.name = "ImageError";
  }
}

/** Worth retrying later (network trouble, a server error or throttling), as opposed to bad input. */
export function isTransient(error: { code: ImageErrorCode; status?: number }): boolean {
  return TRANSIENT.has(error.code) || (error.code === "http_error" && (error.status === 429 || (error.status ?? 0) >= 500));
}
