import type { ClusterResult } from "../core/cluster/index.ts";
import { topLabels, type WeightedLabel } from "../core/cluster/naming.ts";
import { LABELS } from "../core/model.ts";
import type { ClusterResponse } from "../schemas/cluster.ts";
import type { EmbedStats, EmbeddedImage, FailedImage } from "./embed-images.ts";

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/** One image's most likely ImageNet labels, weights rounded for the API and the catalogue. */
export function imageLabels(probabilities: Float32Array, count = 3): WeightedLabel[] {
  return topLabels([0], probabilities, LABELS, count).map((l) => ({ label: l.label, weight: round(l.weight) }));
}

/** Maps the core's index-based result onto the ids clients sent (see the OpenAPI document). */
export function buildClusterResponse(input: {
  model: string;
  ok: EmbeddedImage[];
  failed: FailedImage[];
  stats: EmbedStats;
  result: ClusterResult;
  warnings: string[];
  total: number;
}): ClusterResponse {
  const { ok, result } = input;
  const id = (i: number) => ok[i]!.id;
  return {
    model: input.model,
    k: result.k,
    kChosenBy: result.kChosenBy,
    silhouette: result.silhouette === null ? null : round(result.silhouette),
    dominant: result.dominant,
    clusters: result.clusters.map((cluster, index) => ({
      index,
      name: cluster.name,
      labels: cluster.labels.map((l) => ({ label: l.label, weight: round(l.weight) })),
      ...(cluster.concept ? { concept: { ...cluster.concept, coverage: round(cluster.concept.coverage) } } : {}),
      size: cluster.size,
      representative: id(cluster.representative),
      cohesion: round(cluster.cohesion),
      members: cluster.members.map(id),
      ...(cluster.centroid ? { centroid: cluster.centroid } : {}),
    })),
    duplicates: result.duplicates.map((group) => group.map(id)),
    diversified: result.diversified.map(id),
    images: ok.map((image, i) => ({
      id: image.id,
      ...(image.url ? { url: image.url } : {}),
      sha256: image.sha256,
      cluster: result.assignments[i]!,
      labels: imageLabels(image.vectors.probabilities),
    })),
    errors: input.failed,
    warnings: input.warnings,
    stats: { images: input.total, ...input.stats },
  };
}
