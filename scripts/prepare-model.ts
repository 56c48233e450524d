/**
 * `npm run model`: writes models/<prepared> from ../shared/models or the upstream URL (sha256
 * verified). Skips the work when the prepared file is already there for the same source.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { addEmbeddingOutput, obtainModel } from "./lib/prepare-model.ts";

const root = join(import.meta.dirname, "..");
const manifest = JSON.parse(readFileSync(join(root, "models/mobilenetv2-12-int8.json"), "utf8"));
const { source } = manifest;
const preparedPath = join(root, "models", manifest.prepared);
const stampPath = `${preparedPath}.sha256`;
const downloaded = join(root, "models", source.file);

if (!(existsSync(preparedPath) && existsSync(stampPath) && readFileSync(stampPath, "utf8") === source.sha256)) {
  try {
    const original = await obtainModel(source, [downloaded, join(root, "../shared/models", source.file)], downloaded);
    const prepared = addEmbeddingOutput(original, { ...manifest.embedding, output: manifest.outputs.embedding });
    writeFileSync(preparedPath, prepared);
    writeFileSync(stampPath, source.sha256);
    console.log(`model: wrote models/${manifest.prepared} (${prepared.length} bytes; source sha256 verified)`);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
