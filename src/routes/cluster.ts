import { Hono, type Context } from "hono";
import { stream } from "hono/streaming";
import { ImageError } from "../core/image/errors.ts";
import type { AppEnv } from "../app-env.ts";
import { readConfig, type Config } from "../config.ts";
import { ApiError } from "../errors.ts";
import { clusterJsonSchema, clusterOptionsSchema, type ClusterOptions } from "../schemas/cluster.ts";
import { clusterSources } from "../services/cluster-sources.ts";
import type { ImageSource } from "../services/embed-images.ts";
import { parseOrThrow } from "../validation.ts";

/**
 * POST /v1/cluster: cluster a batch of images given as URLs (JSON) or uploaded files (multipart).
 * With `Accept: application/x-ndjson` the answer streams progress lines, then the result.
 */
export const clusterRoute = new Hono<AppEnv>().post("/", async (c) => {
  const config = readConfig(c.env);
  const { sources, options } = await readClusterRequest(c, config);
  if (!c.req.header("accept")?.includes("application/x-ndjson")) {
    return c.json(await clusterSources(c.env, config, sources, options));
  }
  c.header("content-type", "application/x-ndjson; charset=UTF-8");
  return stream(c, async (out) => {
    let writes = Promise.resolve();
    const send = (line: object) => (writes = writes.then(() => out.write(`${JSON.stringify(line)}\n`).then(() => {})));
    try {
      const result = await clusterSources(c.env, config, sources, options, (p) => send({ type: "progress", ...p }));
      send({ type: "result", result });
    } catch (error) {
      if (!(error instanceof ApiError)) console.error("streamed cluster request failed", error);
      const body = error instanceof ApiError ? error.toBody() : new ApiError(500, "internal", "internal error").toBody();
      send({ type: "error", ...body });
    }
    await writes;
  });
});

async function readClusterRequest(c: Context<AppEnv>, config: Config) {
  const type = c.req.header("content-type") ?? "";
  let sources: ImageSource[];
  let options: ClusterOptions;
  if (type.startsWith("application/json")) {
    const body = await c.req.json().catch(() => {
      throw new ApiError(400, "invalid_json", "the request body is not valid JSON");
    });
    const parsed = parseOrThrow(clusterJsonSchema, body);
    sources = parsed.images.map((image) => ({ id: image.id ?? image.url, url: image.url }));
    options = parsed;
  } else if (type.startsWith("multipart/form-data")) {
    const form = await c.req.formData().catch(() => {
      throw new ApiError(400, "invalid_multipart", "the multipart body could not be parsed");
    });
    ({ sources, options } = await readForm(form, config));
  } else {
    throw new ApiError(415, "unsupported_media_type", "send application/json or multipart/form-data", {
      field: "content-type",
    });
  }
  if (sources.length > config.maxImages) {
    throw new ApiError(400, "too_many_images", `at most ${config.maxImages} images per request, got ${sources.length}`, {
      field: "images",
    });
  }
  const seen = new Map<string, number>();
  sources.forEach((source, i) => {
    const first = seen.get(source.id);
    if (first !== undefined) {
      throw new ApiError(400, "duplicate_id", `images[${i}] has the same id as images[${first}]: "${source.id}"`, {
        field: `images[${i}].id`,
      });
    }
    seen.set(source.id, i);
  });
  return { sources, options };
}

async function readForm(form: FormData, config: Config) {
  const sources: ImageSource[] = [];
  const fields: Record<string, string> = {};
  let index = 0;
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string") {
      const id = value.name || `upload-${index}`;
      sources.push(
        value.size > config.maxImageBytes
          ? { id, error: new ImageError("too_large", `the file is larger than the ${config.maxImageBytes}-byte limit`) }
          : { id, bytes: new Uint8Array(await value.arrayBuffer()) },
      );
      index++;
    } else if (name === "url" || name === "urls") {
      sources.push({ id: value, url: value });
      index++;
    } else {
      fields[name] = value;
    }
  }
  if (sources.length === 0) {
    throw new ApiError(400, "invalid_request", "images: give at least one image file or url field", { field: "images" });
  }
  return { sources, options: parseOrThrow(clusterOptionsSchema, fields) };
}
