import { decodeImage } from "./image/decode.ts";
import { ImageError } from "./image/errors.ts";
import { preprocess } from "./image/preprocess.ts";
import { sniffImage } from "./image/sniff.ts";
import { EMBEDDING_DIM, MODEL, NUM_CLASSES } from "./model.ts";
import type { Embedder } from "./onnx-session.ts";

/** One image's model outputs: what the embedding cache stores and the clustering reads. */
export interface ImageVectors {
  embedding: Float32Array;
  probabilities: Float32Array;
}

const INPUT_SIZE = 3 * MODEL.input.size * MODEL.input.size;

/**
 * Bytes to model input. The pixel cap is checked on the header, before decoding, so a
 * decompression bomb costs a few hundred bytes of parsing rather than the isolate's memory.
 */
export async function imageToInput(bytes: Uint8Array, maxPixels: number): Promise<Float32Array> {
  const info = sniffImage(bytes);
  if (info.width === 0 || info.height === 0) throw new ImageError("decode_failed", "the image has no pixels");
  if (info.width * info.height > maxPixels) {
    throw new ImageError(
      "too_many_pixels",
      `${info.width}x${info.height} is ${info.width * info.height} pixels; the limit is ${maxPixels}`,
    );
  }
  const image = await decodeImage(bytes, info);
  const input = new Float32Array(INPUT_SIZE);
  preprocess(image, info.orientation, MODEL.input, input);
  return input;
}

/** Runs the model over inputs in batches; `onBatch` hears how many are done after each batch. */
export async function embedInputs(
  embedder: Embedder,
  inputs: Float32Array[],
  batchSize = 8,
  onBatch?: (done: number) => void,
): Promise<ImageVectors[]> {
  const out: ImageVectors[] = [];
  for (let start = 0; start < inputs.length; start += batchSize) {
    const batch = inputs.slice(start, start + batchSize);
    const pixels = new Float32Array(batch.length * INPUT_SIZE);
    batch.forEach((input, i) => pixels.set(input, i * INPUT_SIZE));
    const { embeddings, probabilities } = await embedder.run(pixels, batch.length);
    for (let i = 0; i < batch.length; i++) {
      out.push({
        embedding: embeddings.slice(i * EMBEDDING_DIM, (i + 1) * EMBEDDING_DIM),
        probabilities: probabilities.slice(i * NUM_CLASSES, (i + 1) * NUM_CLASSES),
      });
    }
    onBatch?.(out.length);
  }
  return out;
}
