import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env.ts";
import { clusterJsonSchema, clusterResponseSchema, errorResponseSchema } from "../schemas/cluster.ts";
import { popularResponseSchema, queryParamsSchema, queryResponseSchema } from "../schemas/query.ts";

const json = (schema: z.ZodType, io: "input" | "output" = "output") => z.toJSONSchema(schema, { io, unrepresentable: "any" });

/** OpenAPI parameters from a zod object of URL parameters. */
function queryParameters(schema: z.ZodObject) {
  const { properties = {} } = json(schema, "input") as { properties?: Record<string, { description?: string }> };
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: "query",
    required: false,
    description: property.description,
    schema: property,
  }));
}

const jsonContent = (ref: string) => ({ "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } });

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

/** Built from the same zod schemas that validate requests, so the document cannot drift. */
export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "semclust",
    version: "0.1.0",
    description: "Groups images by meaning: MobileNetV2 embeddings and k-means, inside a Cloudflare Worker.",
  },
  paths: {
    "/v1/cluster": {
      post: {
        summary: "Cluster a batch of images by meaning",
        requestBody: {
          required: true,
          content: {
            "application/json": { schema: json(clusterJsonSchema, "input") },
            "multipart/form-data": {
              schema: {
                type: "object",
                properties: {
                  images: { type: "array", items: { type: "string", format: "binary" }, description: "Image files" },
                  url: { type: "array", items: { type: "string" }, description: "Image URLs, one field each" },
                  k: { type: "string", description: 'An integer or "auto"' },
                  seed: { type: "string" },
                  duplicateThreshold: { type: "string" },
                  includeCentroids: { type: "string", enum: ["true", "false"] },
                },
              },
            },
          },
        },
        responses: {
          "200": {
            description: "Clusters, biggest first; images that failed are listed in `errors`.",
            content: jsonContent("ClusterResponse"),
          },
          "400": errorResponse("The request as a whole is invalid; `error.field` names the field."),
          "415": errorResponse("Unsupported content type."),
          "422": errorResponse("No image in the request could be used; `error.details` lists why."),
        },
      },
    },
    "/v1/queries/{q}/clusters": {
      get: {
        summary: "The meanings of a search query: search a source, embed, cluster; cached",
        description:
          "Cached per normalised query, source and options. Headers: ETag (answers If-None-Match with 304), " +
          "Cache-Control, Age, X-Cache (HIT, STALE: served while a background refresh runs, MISS).",
        parameters: [
          { name: "q", in: "path", required: true, schema: { type: "string", minLength: 1, maxLength: 200 } },
          ...queryParameters(queryParamsSchema),
        ],
        responses: {
          "200": { description: "Clusters of the query's images, as POST /v1/cluster plus the query.", content: jsonContent("QueryResponse") },
          "304": { description: "Not modified (If-None-Match matched the ETag)." },
          "400": errorResponse("Invalid query or parameter; `error.field` names it."),
          "502": errorResponse("The source answered with an error, or none of its images could be used."),
          "503": errorResponse("The source is unreachable or throttled us; retry later."),
        },
      },
    },
    "/v1/webhooks/{provider}": {
      post: {
        summary: "A CMS reports an uploaded, changed or deleted image (generic, contentful, strapi)",
        description: "Signature and header formats per provider are in the README. Indexing runs on a queue.",
        parameters: [{ name: "provider", in: "path", required: true, schema: { type: "string", enum: ["generic", "contentful", "strapi"] } }],
        responses: {
          "202": { description: "Accepted: `{provider, received, queued, duplicates, ids}`; redeliveries count as duplicates." },
          "400": errorResponse("Malformed payload; nothing was written."),
          "401": errorResponse("Bad signature or a timestamp outside the replay window; nothing was written."),
          "404": errorResponse("Unknown provider."),
          "503": errorResponse("The provider's secret is not configured, or the queue is unavailable."),
        },
      },
    },
    "/v1/images/{id}": {
      get: {
        summary: "A catalogue image: status, labels, duplicates",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: { "200": { description: "The catalogue row with `duplicates`." }, "404": errorResponse("No such image.") },
      },
    },
    "/v1/images/{id}/similar": {
      get: {
        summary: "Nearest catalogue images by meaning",
        parameters: [
          { name: "id", in: "path", required: true, schema: { type: "string" } },
          { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 100, default: 10 } },
        ],
        responses: {
          "200": { description: "`{id, similar: [{id, similarity}]}`, most similar first." },
          "404": errorResponse("No such image."),
          "409": errorResponse("The image is not indexed (yet)."),
        },
      },
    },
    "/v1/queries/popular": {
      get: {
        summary: "The most served queries, with their counts and cache age",
        parameters: [{ name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 100, default: 20 } }],
        responses: { "200": { description: "Most served first.", content: jsonContent("PopularQueries") } },
      },
    },
  },
  components: {
    schemas: {
      ClusterResponse: json(clusterResponseSchema),
      QueryResponse: json(queryResponseSchema),
      PopularQueries: json(popularResponseSchema),
      Error: json(errorResponseSchema),
    },
  },
};

export const openApiRoute = new Hono<AppEnv>().get("/", (c) => c.json(openApiDocument));
