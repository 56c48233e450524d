import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env.ts";
import { ApiError } from "../errors.ts";
import { sniffImage } from "../core/image/sniff.ts";
import { duplicatesOf, embeddingOf, getImage, nearest, publicImage } from "../services/catalogue.ts";
import { parseOrThrow } from "../validation.ts";

const notFound = (id: string) => new ApiError(404, "image_not_found", `no catalogue image "${id}"`, { field: "id" });

/** GET /v1/images/{id} (the row, its labels and duplicates), /similar, and /file for uploads. */
export const imagesRoute = new Hono<AppEnv>()
  .get("/:id", async (c) => {
    const id = c.req.param("id");
    const row = await getImage(c.env.DB, id);
    if (!row) throw notFound(id);
    return c.json({ ...publicImage(row), duplicates: await duplicatesOf(c.env.DB, id) });
  })
  .get("/:id/file", async (c) => {
    const id = c.req.param("id");
    const row = await getImage(c.env.DB, id);
    if (!row) throw notFound(id);
    if (!row.upload_key) return c.redirect(row.url, 302);
    const object = await c.env.BUCKET.get(row.upload_key);
    if (!object) throw new ApiError(404, "file_not_found", `the uploaded file of "${id}" is gone`);
    const bytes = new Uint8Array(await object.arrayBuffer());
    return c.body(bytes, 200, { "content-type": `image/${sniffImage(bytes).format}`, "cache-control": "public, max-age=86400" });
  })
  .get("/:id/similar", async (c) => {
    const id = c.req.param("id");
    const { limit } = parseOrThrow(z.object({ limit: z.coerce.number().int().min(1).max(100).default(10) }), c.req.query());
    const row = await getImage(c.env.DB, id);
    if (!row) throw notFound(id);
    const embedding = await embeddingOf(c.env.DB, id);
    if (!embedding) {
      throw new ApiError(409, "not_indexed", `image "${id}" is ${row.status}${row.error ? ` (${row.error})` : ""}; it has no embedding yet`);
    }
    return c.json({ id, similar: await nearest(c.env.DB, embedding, limit, id) });
  });
