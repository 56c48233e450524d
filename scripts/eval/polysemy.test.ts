import assert from "node:assert/strict";
import { test } from "node:test";
import { describeGroups, mean, sharedSubjects } from "./polysemy.ts";
import type { RunScore } from "./scoring.ts";

const run = (groups: RunScore["groups"], assignments: number[]): RunScore => ({
  n: assignments.length,
  k: groups.length,
  kChosenBy: "silhouette",
  kRange: null,
  nmi: 0,
  ari: 0,
  accuracy: 0,
  ms: 0,
  extraNmi: {},
  groups,
  assignments,
});

test("describeGroups lists each group's member classes, largest first, strays under 3 left out", () => {
  const classes = ["crab", "crab", "crab", "lobster", "lobster", "lobster", "lobster", "crab", "crayfish"];
  const groups = [
    { name: "American lobster", concept: "decapod crustacean" },
    { name: "rock crab", concept: null },
  ];
  const lines = describeGroups(run([...groups, { name: "crayfish", concept: null }], [1, 1, 1, 0, 0, 0, 0, 0, 2]), classes);
  assert.deepEqual(lines, ["American lobster (decapod crustacean) 5: lobster 4", "rock crab (-) 3: crab 3", "crayfish (-) 1: -"]);
});

test("sharedSubjects finds one subject split by framing, not classes repeated inside a sense", () => {
  assert.deepEqual(sharedSubjects({ whole: ["crocodile", "cougar_body"], head: ["crocodile_head", "cougar_face"] }), ["crocodile", "cougar"]);
  assert.deepEqual(sharedSubjects({ cat: ["cougar_body", "cougar_face"], car: ["car_side"] }), []);
});

test("mean is NaN for no values", () => {
  assert.equal(mean([0.5, 1]), 0.75);
  assert.ok(Number.isNaN(mean([])));
});
