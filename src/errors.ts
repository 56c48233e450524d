import type { ContentfulStatusCode } from "hono/utils/http-status";

/** The JSON body of every error response. */
export interface ErrorBody {
  error: {
    code: string;
    message: string;
    /** The request field at fault, as a path such as `images[2].url`. */
    field?: string;
    details?: unknown;
  };
}

/**
 * The one error type routes throw. `message` is public; `cause` stays in logs, never in a response.
 */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly field: string | undefined;
  readonly details: unknown;

  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    options: { field?: string; details?: unknown; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.field = options.field;
    this.details = options.details;
  }

  toBody(): ErrorBody {
    const { code, message, field, details } = this;
    return { error: { code, message, ...(field ? { field } : {}), ...(details === undefined ? {} : { details }) } };
  }
}
