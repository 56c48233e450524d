/**
 * Prepares the runnable model: takes the upstream MobileNetV2 int8 file from ../shared/models or
 * downloads it, verifies its sha256, and adds the pooled 1280-d embedding as a graph output.
 * The result (models/<prepared>) is generated, never committed.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import onnxProto from "onnx-proto";

const { onnx } = onnxProto;
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const manifest = JSON.parse(readFileSync(join(root, "models/mobilenetv2-12-int8.json"), "utf8"));
const { source } = manifest;
const preparedPath = join(root, "models", manifest.prepared);
const cachedPath = join(root, "models", source.file);
const sharedPath = join(root, "..", "shared", "models", source.file);

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function obtain(): Promise<Uint8Array> {
  for (const path of [cachedPath, sharedPath]) {
    if (existsSync(path)) return verified(readFileSync(path), path);
  }
  console.log(`model: downloading ${source.url}`);
  const res = await fetch(source.url, { signal: AbortSignal.timeout(120_000) });
  if (!res.ok) throw new Error(`model: download failed with HTTP ${res.status} from ${source.url}`);
  const bytes = verified(new Uint8Array(await res.arrayBuffer()), source.url);
  writeFileSync(cachedPath, bytes);
  return bytes;
}

function verified(bytes: Uint8Array, from: string): Uint8Array {
  const actual = sha256(bytes);
  if (actual !== source.sha256) {
    throw new Error(
      `model: sha256 mismatch for ${from}\n  expected ${source.sha256}\n  got      ${actual}\n` +
        "Delete the file and run `npm run model` again to download a fresh copy.",
    );
  }
  return bytes;
}

function addEmbeddingOutput(original: Uint8Array): Uint8Array {
  const model = onnx.ModelProto.decode(original);
  const graph = model.graph!;
  const { quantized, scale, zeroPoint, dim } = manifest.embedding;
  const name = manifest.outputs.embedding;
  graph.node!.push(
    onnx.NodeProto.create({
      name: "semclust_embedding_dequantize",
      opType: "DequantizeLinear",
      input: [quantized, scale, zeroPoint],
      output: [name],
    }),
  );
  graph.output!.push(
    onnx.ValueInfoProto.create({
      name,
      type: {
        tensorType: {
          elemType: onnx.TensorProto.DataType.FLOAT,
          shape: { dim: [{ dimParam: "N" }, { dimValue: dim }, { dimValue: 1 }, { dimValue: 1 }] },
        },
      },
    }),
  );
  return onnx.ModelProto.encode(model).finish();
}

const stampPath = `${preparedPath}.sha256`;
if (existsSync(preparedPath) && existsSync(stampPath) && readFileSync(stampPath, "utf8") === source.sha256) {
  process.exit(0);
}
try {
  mkdirSync(dirname(preparedPath), { recursive: true });
  const prepared = addEmbeddingOutput(await obtain());
  writeFileSync(preparedPath, prepared);
  writeFileSync(stampPath, source.sha256);
  console.log(`model: wrote ${manifest.prepared} (${prepared.length} bytes, source sha256 verified)`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
