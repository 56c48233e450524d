/**
 * The labelled sets the eval scores: found by folder, read from labels.csv (and
 * polysemy_groups.json where present). Kept apart from the scoring so a new set only needs
 * a labels.csv with a `file` column and a `label` or `category` column.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { ROOT } from "../lib/node-runtime.ts";

/** The shared data folder; SEMCLUST_DATA overrides the default ../shared/data (as for bench). */
export const DATA = process.env.SEMCLUST_DATA ?? join(ROOT, "../shared/data");

/** sense -> classes, per task name, as in caltech101-sub30/polysemy_groups.json. */
export type PolysemyGroups = Record<string, Record<string, string[]>>;

/** One labelled set: files relative to `dir`, one label per file, optional extra labelings. */
export interface Dataset {
  name: string;
  dir: string;
  files: string[];
  labels: string[];
  labelColumn: string;
  /** Secondary labelings scored by NMI only (e.g. tuxpaint's cartoon flag). */
  extra: Record<string, string[]>;
  polysemy: PolysemyGroups | null;
}

/** Thrown for a folder that cannot be evaluated; `skip` marks "exists but has no labels". */
export class DatasetError extends Error {
  readonly skip: boolean;
  constructor(message: string, skip: boolean) {
    super(message);
    this.skip = skip;
    this.name = "DatasetError";
  }
}

/** RFC 4180 rows: quoted fields may hold commas, newlines and doubled quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') field += text[i++];
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(field), (field = "");
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field), (field = "");
      if (row.some((f) => f !== "")) rows.push(row);
      row = [];
    } else field += ch;
  }
  row.push(field);
  if (row.some((f) => f !== "")) rows.push(row);
  return rows;
}

/**
 * A path as given (relative to where npm was invoked: npm run switches to the package root),
 * else a folder name under DATA; throws a DatasetError when neither exists.
 */
export function resolveFolder(arg: string): string {
  const given = resolve(process.env.INIT_CWD ?? ".", arg);
  for (const dir of [given, join(DATA, arg)]) {
    if (existsSync(dir) && statSync(dir).isDirectory()) return dir;
  }
  throw new DatasetError(`dataset folder not found: "${arg}" (looked at ${given} and ${join(DATA, arg)})`, false);
}

/**
 * With no arguments: every folder under DATA, sorted. Those without labels.csv are kept so
 * the run says why it skipped them instead of silently ignoring a set.
 */
export function defaultFolders(): string[] {
  if (!existsSync(DATA)) throw new DatasetError(`data folder not found: ${DATA} (set SEMCLUST_DATA)`, false);
  return readdirSync(DATA)
    .sort()
    .map((name) => join(DATA, name))
    .filter((dir) => statSync(dir).isDirectory());
}

/** Reads a set's labels; `label` wins over `category`; tuxpaint's is_cartoon becomes an extra labeling. */
export function loadDataset(dir: string): Dataset {
  const name = basename(dir);
  const csvPath = join(dir, "labels.csv");
  if (!existsSync(csvPath)) throw new DatasetError(`${name}: no labels.csv in ${dir}, nothing to score against; skipped`, true);
  const [header, ...rows] = parseCsv(readFileSync(csvPath, "utf8"));
  const col = (c: string) => header!.indexOf(c);
  const labelColumn = ["label", "category"].find((c) => col(c) >= 0);
  if (col("file") < 0 || !labelColumn) {
    throw new DatasetError(`${name}: labels.csv needs a "file" and a "label" or "category" column`, false);
  }
  const extra: Record<string, string[]> = {};
  if (col("is_cartoon") >= 0) extra["cartoon/photo"] = rows.map((r) => (r[col("is_cartoon")] === "1" ? "cartoon" : "photo"));
  const groupsPath = join(dir, "polysemy_groups.json");
  return {
    name,
    dir,
    files: rows.map((r) => r[col("file")]!),
    labels: rows.map((r) => r[col(labelColumn)]!),
    labelColumn,
    extra,
    polysemy: existsSync(groupsPath) ? (JSON.parse(readFileSync(groupsPath, "utf8")) as PolysemyGroups) : null,
  };
}
