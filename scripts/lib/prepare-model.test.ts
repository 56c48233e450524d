import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { addEmbeddingOutput, obtainModel, outputNames, sha256 } from "./prepare-model.ts";

const root = join(import.meta.dirname, "../..");
const manifest = JSON.parse(readFileSync(join(root, "models/mobilenetv2-12-int8.json"), "utf8"));
const shared = join(root, "../shared/models", manifest.source.file);
const original = new Uint8Array(readFileSync(shared));
const dir = mkdtempSync(join(tmpdir(), "semclust-model-"));

test("a local copy with the wrong sha256 is refused with a clear message", async () => {
  const bad = join(dir, "bad.onnx");
  writeFileSync(bad, original.slice(0, 1000));
  await assert.rejects(obtainModel(manifest.source, [bad], join(dir, "x.onnx")), /sha256 mismatch for .*bad\.onnx/);
});

test("without a local copy the model is downloaded and verified", async () => {
  const server = createServer((req, res) => {
    res.writeHead(req.url === "/good.onnx" ? 200 : 404).end(req.url === "/good.onnx" ? original : "missing");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  try {
    const saved = join(dir, "downloaded.onnx");
    const bytes = await obtainModel({ ...manifest.source, url: `${base}/good.onnx` }, [join(dir, "absent.onnx")], saved);
    assert.equal(sha256(readFileSync(saved)), manifest.source.sha256);
    assert.equal(bytes.length, manifest.source.bytes);
    await assert.rejects(obtainModel({ ...manifest.source, url: `${base}/gone.onnx` }, [], saved), /HTTP 404/);
  } finally {
    server.close();
  }
});

test("the prepared model declares the embedding output next to the logits", () => {
  const prepared = addEmbeddingOutput(original, { ...manifest.embedding, output: manifest.outputs.embedding });
  assert.deepEqual(outputNames(prepared), [manifest.outputs.logits, manifest.outputs.embedding]);
});
