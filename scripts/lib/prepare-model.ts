/**
 * Obtains the upstream model (a local copy, else a download), verifies its sha256, and adds the
 * pooled embedding as a graph output. Separate from the CLI so tests can point it at other places.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import onnxProto from "onnx-proto";

const { onnx } = onnxProto;

export interface ModelSource {
  url: string;
  sha256: string;
}

export interface EmbeddingSpec {
  quantized: string;
  scale: string;
  zeroPoint: string;
  dim: number;
  output: string;
}

export const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

function verified(bytes: Uint8Array, expected: string, from: string): Uint8Array {
  const actual = sha256(bytes);
  if (actual !== expected) {
    throw new Error(
      `model: sha256 mismatch for ${from}\n  expected ${expected}\n  got      ${actual}\n` +
        "Delete the file and run `npm run model` again to download a fresh copy.",
    );
  }
  return bytes;
}

/** Uses the first local copy that exists, else downloads to `downloadTo`; always verified. */
export async function obtainModel(source: ModelSource, localCopies: string[], downloadTo: string): Promise<Uint8Array> {
  for (const path of localCopies) {
    if (existsSync(path)) return verified(readFileSync(path), source.sha256, path);
  }
  console.log(`model: downloading ${source.url}`);
  let res: Response;
  try {
    res = await fetch(source.url, { signal: AbortSignal.timeout(120_000) });
  } catch (error) {
    throw new Error(`model: could not download ${source.url} (${(error as Error).message})`);
  }
  if (!res.ok) throw new Error(`model: download failed with HTTP ${res.status} from ${source.url}`);
  const bytes = verified(new Uint8Array(await res.arrayBuffer()), source.sha256, source.url);
  writeFileSync(downloadTo, bytes);
  return bytes;
}

/** Appends DequantizeLinear over the pooled features and declares its result a graph output. */
export function addEmbeddingOutput(original: Uint8Array, spec: EmbeddingSpec): Uint8Array {
  const model = onnx.ModelProto.decode(original);
  const graph = model.graph!;
  graph.node!.push(
    onnx.NodeProto.create({
      name: "semclust_embedding_dequantize",
      opType: "DequantizeLinear",
      input: [spec.quantized, spec.scale, spec.zeroPoint],
      output: [spec.output],
    }),
  );
  graph.output!.push(
    onnx.ValueInfoProto.create({
      name: spec.output,
      type: {
        tensorType: {
          elemType: onnx.TensorProto.DataType.FLOAT,
          shape: { dim: [{ dimParam: "N" }, { dimValue: spec.dim }, { dimValue: 1 }, { dimValue: 1 }] },
        },
      },
    }),
  );
  return onnx.ModelProto.encode(model).finish();
}

/** Output names of a model file, for checks. */
export const outputNames = (bytes: Uint8Array) => onnx.ModelProto.decode(bytes).graph!.output!.map((o) => o.name);
