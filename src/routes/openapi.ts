import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env.ts";
import { clusterJsonSchema, clusterResponseSchema, errorResponseSchema } from "../schemas/cluster.ts";

const json = (schema: z.ZodType, io: "input" | "output" = "output") => z.toJSONSchema(schema, { io, unrepresentable: "any" });

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
            content: { "application/json": { schema: { $ref: "#/components/schemas/ClusterResponse" } } },
          },
          "400": errorResponse("The request as a whole is invalid; `error.field` names the field."),
          "415": errorResponse("Unsupported content type."),
          "422": errorResponse("No image in the request could be used; `error.details` lists why."),
        },
      },
    },
  },
  components: {
    schemas: { ClusterResponse: json(clusterResponseSchema), Error: json(errorResponseSchema) },
  },
};

export const openApiRoute = new Hono<AppEnv>().get("/", (c) => c.json(openApiDocument));
