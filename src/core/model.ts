import labels from "../../models/imagenet-labels.json" with { type: "json" };
import manifest from "../../models/mobilenetv2-12-int8.json" with { type: "json" };

/** The model as data (models/*.json), so preprocessing and output names live in one place. */
export const MODEL = manifest;

/** Embedding cache keys include this, so a model change never serves stale vectors. */
export const MODEL_ID: string = manifest.id;

export const EMBEDDING_DIM: number = manifest.embedding.dim;

/** ImageNet-1k class names, index-aligned with the logits; the first synonym is the display name. */
export const LABELS: readonly string[] = labels.map((l: string) => l.split(",")[0]!.trim());

export const NUM_CLASSES = LABELS.length;
