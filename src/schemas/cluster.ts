import { z } from "zod";

/** Options shared by every way of asking for a clustering (JSON, multipart, later queries). */
export const clusterOptionsSchema = z.object({
  k: z
    .union([z.literal("auto"), z.coerce.number().int().min(1).max(100)])
    .default("auto")
    .describe('Number of clusters, or "auto" to choose it by silhouette within [2, 12].'),
  seed: z.coerce.number().int().min(0).max(2 ** 31 - 1).default(1).describe("Seed for k-means; same seed, same result."),
  duplicateThreshold: z.coerce
    .number()
    .min(0.5)
    .max(1)
    .optional()
    .describe("Cosine similarity above which two images are near-duplicates (default from config, 0.9)."),
  includeCentroids: z
    .union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")])
    .default(false)
    .describe("Include each cluster's centroid vector (1280 numbers)."),
});

export const imageRefSchema = z.object({
  url: z.string().max(2048).describe("http(s) URL of a JPEG, PNG or WebP image."),
  id: z.string().min(1).max(200).optional().describe("Your id for the image; defaults to the URL."),
});

export const clusterJsonSchema = clusterOptionsSchema.extend({
  images: z.array(imageRefSchema).min(1, "give at least one image"),
});

export const labelWeightSchema = z.object({ label: z.string(), weight: z.number() });

export const clusterResponseSchema = z.object({
  model: z.string(),
  k: z.number().int().describe("Number of clusters formed."),
  kChosenBy: z.enum(["given", "silhouette"]),
  silhouette: z.number().nullable(),
  dominant: z.string().nullable().describe("Name of the biggest cluster: the most popular meaning."),
  clusters: z.array(
    z.object({
      index: z.number().int(),
      name: z.string(),
      labels: z.array(labelWeightSchema).describe("Top ImageNet labels of the members' mean probabilities."),
      concept: z
        .object({ name: z.string(), wnid: z.string(), coverage: z.number() })
        .optional()
        .describe("The most specific WordNet concept covering most members (e.g. \"device\", \"edible fruit\")."),
      size: z.number().int(),
      representative: z.string().describe("Id of the member nearest the centroid."),
      cohesion: z.number().describe("Mean cosine similarity of members to the centroid."),
      members: z.array(z.string()).describe("Member ids, most central first."),
      centroid: z.array(z.number()).optional(),
    }),
  ),
  duplicates: z.array(z.array(z.string())).describe("Groups of near-duplicate image ids."),
  diversified: z.array(z.string()).describe("All ids, round-robin across clusters, duplicates last."),
  images: z.array(
    z.object({
      id: z.string(),
      url: z.string().optional(),
      sha256: z.string(),
      cluster: z.number().int(),
      labels: z.array(labelWeightSchema),
    }),
  ),
  errors: z.array(
    z.object({
      id: z.string(),
      url: z.string().optional(),
      code: z.string(),
      message: z.string(),
      status: z.number().int().optional().describe("The image server's HTTP status, for http_error."),
    }),
  ),
  warnings: z.array(z.string()),
  stats: z.object({ images: z.number().int(), inferred: z.number().int(), cached: z.number().int(), failed: z.number().int() }),
});

export type ClusterOptions = z.infer<typeof clusterOptionsSchema>;
export type ClusterResponse = z.infer<typeof clusterResponseSchema>;

export const errorResponseSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional(), details: z.unknown().optional() }),
});
