import type { ErrorBody } from "../errors.ts";
import type { ClusterResponse } from "../schemas/cluster.ts";

/** One image that could not be used, as the API reports it. */
export type ImageFailure = ClusterResponse["errors"][number];

/** A capital first letter and a full stop: API messages are clauses, the page shows sentences. */
export function sentence(text: string): string {
  const trimmed = text.trim().replace(/[\s;:,]+$/u, "");
  if (!trimmed) return "";
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/u.test(capital) ? capital : `${capital}.`;
}

/** A name a person recognises: the title, the file name, or the end of the URL. */
export function imageName(failure: Pick<ImageFailure, "id" | "url">, title?: string): string {
  if (title) return title;
  const address = failure.url ?? failure.id;
  if (!/^https?:/iu.test(address)) return failure.id;
  try {
    const url = new URL(address);
    const last = decodeURIComponent(url.pathname.split("/").filter(Boolean).at(-1) ?? "");
    return last ? `${last} (${url.host})` : url.host;
  } catch {
    return address;
  }
}

/** "“x.jpg” could not be used: the server answered HTTP 404." — which image, and why. */
export function imageErrorSentence(failure: ImageFailure, title?: string): string {
  const reason = failure.message.trim().replace(/[\s;:,]+$/u, "");
  return `“${imageName(failure, title)}” could not be used: ${/[.!?]$/u.test(reason) ? reason : `${reason}.`}`;
}

/** Per-image failures carried in a request error's details (422/502 `no_usable_images`). */
export function failuresOf(details: unknown): ImageFailure[] {
  if (!Array.isArray(details)) return [];
  return details.filter(
    (d): d is ImageFailure =>
      typeof d === "object" && d !== null && typeof (d as ImageFailure).id === "string" && typeof (d as ImageFailure).message === "string",
  );
}

/** What went wrong with a whole request, in words; never a stack trace or a raw code. */
export function requestErrorSentence(error: ErrorBody["error"]): string {
  switch (error.code) {
    case "no_usable_images":
      return sentence(error.message.replace(/;\s*see details.*$/u, ""));
    case "invalid_request":
    case "invalid_json":
      return error.field
        ? `Please check “${error.field}”: ${sentence(error.message.replace(/^[^:]*:\s*/u, ""))}`
        : sentence(error.message);
    case "internal":
      return "Something went wrong on our side and the request was not completed. Please try again.";
    default:
      return sentence(error.message);
  }
}
