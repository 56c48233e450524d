import { describe, expect, it } from "vitest";
import { LABELS } from "../model.ts";
import { ancestorColumns, buildHierarchy, hierarchyMass, IMAGENET_HIERARCHY } from "./hierarchy.ts";

/** phone, laptop, strawberry, raspberry | device (4), berry (5), entity (6) */
const TOY = buildHierarchy({
  classes: 4,
  wnids: ["n1", "n2", "n3", "n4", "n5", "n6", "n7"],
  names: ["phone", "laptop", "strawberry", "raspberry", "device", "berry", "entity"],
  parents: [[4], [4], [5], [5], [6], [6], []],
});

describe("buildHierarchy", () => {
  it("closes ancestors upwards and counts the classes under each node", () => {
    expect(Array.from(TOY.ancestors[0]!)).toEqual([0, 4, 6]);
    expect(Array.from(TOY.ancestors[3]!)).toEqual([3, 5, 6]);
    expect(Array.from(TOY.leafCount)).toEqual([1, 1, 1, 1, 2, 2, 4]);
  });
});

describe("hierarchyMass", () => {
  it("sums probability under each node and takes the square root", () => {
    const p = new Float32Array([0.64, 0.36, 0, 0, 0, 0.25, 0.75, 0]);
    const m = hierarchyMass(p, 2, TOY);
    expect(Array.from(m.subarray(0, 7)).map((v) => +v.toFixed(6))).toEqual([0.8, 0.6, 0, 0, 1, 0, 1]);
    expect(Array.from(m.subarray(7)).map((v) => +v.toFixed(6))).toEqual([0, 0.5, 0.866025, 0, 0.5, 0.866025, 1]);
    expect(Array.from(ancestorColumns(m, 2, TOY)).map((v) => +v.toFixed(6))).toEqual([1, 0, 1, 0.5, 0.866025, 1]);
  });
});

describe("IMAGENET_HIERARCHY", () => {
  const under = (label: string) => {
    const c = LABELS.indexOf(label);
    return new Set(Array.from(IMAGENET_HIERARCHY.ancestors[c]!, (v) => IMAGENET_HIERARCHY.names[v]));
  };

  it("covers the 1000 classes with WordNet 3.0 ids in output order", () => {
    expect(IMAGENET_HIERARCHY.classes).toBe(1000);
    expect(IMAGENET_HIERARCHY.wnids[0]).toBe("n01440764");
    expect(IMAGENET_HIERARCHY.leafCount[IMAGENET_HIERARCHY.names.indexOf("entity")]).toBe(1000);
  });

  it("puts gadgets under one parent and strawberries elsewhere", () => {
    for (const gadget of ["laptop", "cellular telephone", "iPod", "reflex camera"]) expect(under(gadget).has("instrumentality")).toBe(true);
    expect(under("strawberry").has("fruit")).toBe(true);
    expect(under("strawberry").has("instrumentality")).toBe(false);
  });
});
