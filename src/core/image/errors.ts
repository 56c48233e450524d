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

/** Thrown for one image; the batch goes on without it. */
export class ImageError extends Error {
  readonly code: ImageErrorCode;

  constructor(code: ImageErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = "ImageError";
  }
}
