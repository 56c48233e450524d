/**
 * Plain-text tables for the eval's stdout, and the quality floors from the issue, so a
 * regression shows up as FAIL next to the number rather than as a silently lower score.
 */
import { mean, POLYSEMY_SEEDS, QUERY_DRAWS, QUERY_SIZE, type PolysemySummary } from "./polysemy.ts";
import type { RunScore } from "./scoring.ts";

/** A minimum a metric must reach; `where` says which number of which set it applies to. */
export interface Floor {
  dataset: string;
  where: "true-k" | "polysemy";
  metric: "nmi" | "ari" | "meanAriNoTrap";
  min: number;
  measured: string;
}

/**
 * Regression guards, a little under what the service measures (query expansion, the WordNet
 * merge for k <= 32, the spectral partition above; the plain k-means measured
 * 0.847 / 0.631 / 0.614). The polysemy floor leaves out only the Faces/Faces_easy trap, as
 * the issue defines it.
 */
export const FLOORS: Floor[] = [
  { dataset: "caltech101-sub30", where: "true-k", metric: "nmi", min: 0.865, measured: "0.877" },
  { dataset: "caltech101-sub30", where: "true-k", metric: "ari", min: 0.67, measured: "0.700" },
  { dataset: "caltech101-sub30", where: "polysemy", metric: "meanAriNoTrap", min: 0.72, measured: "0.738" },
];

/** One printed floor check and its outcome, also stored in the JSON. */
export interface FloorCheck extends Floor {
  value: number;
  pass: boolean;
}

/** Checks the floors that apply to `dataset` against its true-k run and polysemy summary. */
export function checkFloors(dataset: string, trueK: RunScore, poly: PolysemySummary | null): FloorCheck[] {
  return FLOORS.filter((f) => f.dataset === dataset && (f.where === "true-k" || poly)).map((f) => {
    const value = f.where === "true-k" ? trueK[f.metric as "nmi" | "ari"] : poly!.meanAriNoTrap;
    return { ...f, value, pass: value >= f.min };
  });
}

/** Left-aligned first column, right-aligned others, two spaces apart. */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? "").length)));
  const line = (r: string[]) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...cells.slice(1).map(line)].join("\n");
}

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : "n/a");
const secs = (ms: number) => (ms / 1000).toFixed(2);

/** The whole-set table: one row per run (label, k mode, scores, clustering time). */
export function runTable(rows: { mode: string; run: RunScore }[]): string {
  const header = ["run", "n", "k", "k range", "NMI", "ARI", "accuracy", "cluster s"];
  return table(
    header,
    rows.map(({ mode, run }) => [
      mode,
      run.n,
      run.k,
      run.kRange ? `[${run.kRange[0]}, ${run.kRange[1]}]` : "given",
      f3(run.nmi),
      f3(run.ari),
      f3(run.accuracy),
      secs(run.ms),
    ]),
  );
}

/** The per-task polysemy table plus the two means and what was left out. */
export function polysemyReport(p: PolysemySummary): string {
  const header = ["task", "senses", "n", "ARI k=senses", "NMI k=senses", `ARI ${POLYSEMY_SEEDS} seeds`, "auto k", "ARI auto", `auto k, ${QUERY_SIZE} images`, "framing", "cluster s"];
  const rows = p.tasks.map((t) => [
    t.task,
    t.senses,
    t.n,
    f3(t.given.ari),
    f3(t.given.nmi),
    `${f3(mean(t.seedAris))} (${f3(Math.min(...t.seedAris))} to ${f3(Math.max(...t.seedAris))})`,
    t.auto.k,
    f3(t.auto.ari),
    t.atQuerySize.map((r) => r.k).join(","),
    t.framing ? `yes (${t.sharedSubjects.join(", ")})` : "",
    secs(t.given.ms + t.auto.ms + t.atQuerySize.reduce((sum, r) => sum + r.ms, 0)),
  ]);
  const without = (names: string[]) => `${p.tasks.length - names.length} tasks without ${names.join(", ") || "none"}`;
  return [
    table(header, rows),
    `mean ARI, k = senses: ${f3(p.meanAri)} over all ${p.tasks.length} tasks`,
    `                      ${f3(p.meanAriNoTrap)} over the ${without(p.traps)} (the issue's floor)`,
    `                      ${f3(p.meanAriNoFraming)} over the ${without(p.leftOut)} (framing: one subject split by crop)`,
    `                      ${f3(p.meanAriNoFramingSeeds)} over the same ${p.tasks.length - p.leftOut.length}, mean of seeds 1-${POLYSEMY_SEEDS}` +
      ` (${p.seedMeansNoFraming.map(f3).join(", ")}): the figure to judge a change by`,
    `mean ARI, auto k:     ${f3(p.meanAutoAri)} over all; ${f3(p.meanAutoAriNoFraming)} without the framing tasks`,
    `auto k on ${QUERY_SIZE}-image draws (${QUERY_DRAWS} per task, without the framing tasks): k = senses in` +
      ` ${p.querySize.exact} of ${p.querySize.draws}, mean |k - senses| / senses ${f3(p.querySize.meanRelativeKError)},` +
      ` mean ARI ${f3(p.querySize.meanAri)}`,
    "groups at auto k (name (concept) size: member classes with 3 or more images):",
    ...p.tasks.map((t) => `  ${t.task}, ${t.auto.k} for ${t.senses} senses: ${t.autoGroups.join("; ")}`),
  ].join("\n");
}

/** The auto-k target on one set: k within 25 % of the true k, NMI within 0.03 of the true-k run's. */
export interface AutoKCheck {
  trueK: number;
  chosenK: number;
  kWithin25: boolean;
  nmiGap: number;
  nmiWithin003: boolean;
}

/** Compares an auto-k run with the true-k run on the same images. */
export function checkAutoK(auto: RunScore, atTrueK: RunScore): AutoKCheck {
  const nmiGap = atTrueK.nmi - auto.nmi;
  return {
    trueK: atTrueK.k,
    chosenK: auto.k,
    kWithin25: Math.abs(auto.k - atTrueK.k) <= 0.25 * atTrueK.k,
    nmiGap,
    nmiWithin003: nmiGap <= 0.03,
  };
}

/** One line per check, e.g. "auto k 9 for 10 classes: within 25 % yes; NMI 0.017 below true k: within 0.03 yes". */
export function autoKLine(c: AutoKCheck): string {
  const yes = (b: boolean) => (b ? "yes" : "NO");
  return (
    `auto k ${c.chosenK} for ${c.trueK} classes: within 25 % ${yes(c.kWithin25)};` +
    ` NMI ${f3(c.nmiGap)} below true k: within 0.03 ${yes(c.nmiWithin003)}`
  );
}

/** "floor ... >= min: value PASS/FAIL" lines. */
export function floorLines(checks: FloorCheck[]): string {
  return checks
    .map((c) => {
      const what = c.where === "true-k" ? `${c.metric.toUpperCase()} at true k` : "polysemy mean ARI without the trap task";
      return `floor ${what} >= ${c.min} (measured ${c.measured}): ${f3(c.value)} ${c.pass ? "PASS" : "FAIL"}`;
    })
    .join("\n");
}
