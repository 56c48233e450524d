import { clusterImages } from "../core/cluster/index.ts";
import { concatFloat32 } from "../core/concat.ts";
import { LABELS, MODEL_ID } from "../core/model.ts";
import type { Config } from "../config.ts";
import { ApiError } from "../errors.ts";
import { getEmbedder } from "../runtime.ts";
import type { ClusterOptions, ClusterResponse } from "../schemas/cluster.ts";
import { buildClusterResponse } from "./cluster-response.ts";
import { embedImages, type ImageSource, type Progress } from "./embed-images.ts";

/**
 * Embeds (through the cache) and clusters a batch: the one path shared by uploads, URL lists,
 * query results and the cron refresh. Throws 422 `no_usable_images` when every image failed.
 */
export async function clusterSources(
  env: Env,
  config: Config,
  sources: ImageSource[],
  options: ClusterOptions,
  onProgress?: (progress: Progress) => void,
): Promise<ClusterResponse> {
  const embedDeps = { kv: env.KV, bucket: env.BUCKET, config, embedder: getEmbedder, onProgress };
  const { ok, failed, stats } = await embedImages(sources, embedDeps);
  if (ok.length === 0) {
    throw new ApiError(422, "no_usable_images", "none of the images could be used; see details for each", {
      details: failed,
    });
  }
  const warnings: string[] = [];
  let k = options.k;
  if (k !== "auto" && k > ok.length) {
    warnings.push(`k=${k} is more than the ${ok.length} usable images; using k=${ok.length}`);
    k = ok.length;
  }
  const result = clusterImages(
    {
      n: ok.length,
      embeddings: concatFloat32(ok.map((x) => x.vectors.embedding)),
      probabilities: concatFloat32(ok.map((x) => x.vectors.probabilities)),
      labels: LABELS,
    },
    {
      k,
      seed: options.seed,
      duplicateThreshold: options.duplicateThreshold ?? config.duplicateThreshold,
      includeCentroids: options.includeCentroids,
    },
  );
  return buildClusterResponse({ model: MODEL_ID, ok, failed, stats, result, warnings, total: sources.length });
}
