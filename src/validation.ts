import type { z } from "zod";
import { ApiError } from "./errors.ts";

/** Formats a zod path as `images[2].url`, the way clients write it. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, part) => (typeof part === "number" ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)),
    "",
  );
}

/** Parses with zod; the first issue becomes a 400 that names its field, all issues go in details. */
export function parseOrThrow<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ field: fieldPath(issue.path), message: issue.message }));
  const first = issues[0]!;
  throw new ApiError(400, "invalid_request", first.field ? `${first.field}: ${first.message}` : first.message, {
    field: first.field || undefined,
    details: issues,
  });
}
