import { z } from "zod";
import { clusterResponseSchema } from "./cluster.ts";

/** URL parameters of GET /v1/queries/{q}/clusters. */
export const queryParamsSchema = z.object({
  source: z.string().min(1).optional().describe("An enabled image source; default from config."),
  limit: z.coerce.number().int().min(1).max(64).default(30).describe("How many images to search for and cluster."),
  k: z.union([z.literal("auto"), z.coerce.number().int().min(1).max(64)]).default("auto"),
  clusters: z.coerce.number().int().min(1).max(64).optional().describe("Return only the biggest N clusters."),
  seed: z.coerce.number().int().min(0).max(2 ** 31 - 1).default(1),
});

export const searchHitSchema = z.object({
  id: z.string(),
  url: z.string(),
  title: z.string().optional(),
  thumbnail: z.string().optional(),
  license: z.string().optional(),
  creator: z.string().optional(),
  landingUrl: z.string().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
  sha256: z.string().optional(),
});

export const queryResponseSchema = clusterResponseSchema.extend({
  query: z.string().describe("The normalised query."),
  source: z.string(),
  generatedAt: z.string().describe("When this result was computed (ISO 8601)."),
  hits: z.array(searchHitSchema).describe("What the source returned, in its order, for attribution."),
  clustersOmitted: z.number().int().describe("Clusters left out by the `clusters` parameter."),
});

export const popularResponseSchema = z.object({
  queries: z.array(
    z.object({
      query: z.string(),
      source: z.string(),
      options: z.record(z.string(), z.unknown()),
      count: z.number().int(),
      lastServedAt: z.string().nullable(),
      refreshedAt: z.string().nullable(),
      ageSeconds: z.number().nullable().describe("Age of the cached result."),
      lastError: z.string().nullable(),
    }),
  ),
});

export type QueryParams = z.infer<typeof queryParamsSchema>;
export type QueryResponse = z.infer<typeof queryResponseSchema>;
