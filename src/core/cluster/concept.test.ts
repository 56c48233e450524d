import { describe, expect, it } from "vitest";
import { buildHierarchy, hierarchyMass } from "../features/hierarchy.ts";
import { conceptOf } from "./concept.ts";

const TOY = buildHierarchy({
  classes: 4,
  wnids: ["n1", "n2", "n3", "n4", "n5", "n6", "n7"],
  names: ["phone", "laptop", "strawberry", "raspberry", "device", "berry", "entity"],
  parents: [[4], [4], [5], [5], [6], [6], []],
});

/** One row per image: probabilities of phone, laptop, strawberry, raspberry. */
const P = new Float32Array([
  0.9, 0.1, 0, 0,
  0.2, 0.8, 0, 0,
  0.4, 0.4, 0.2, 0,
  0, 0, 0.6, 0.4,
  0.1, 0, 0.45, 0.45,
  0.7, 0.3, 0, 0,
]);
const mass = hierarchyMass(P, 6, TOY);

describe("conceptOf", () => {
  it("names mixed gadgets by their shared parent", () => {
    expect(conceptOf([0, 1, 2], mass, TOY)).toEqual({ name: "device", wnid: "n5", coverage: 1 });
    expect(conceptOf([0, 1, 2, 3], mass, TOY)).toEqual({ name: "device", wnid: "n5", coverage: 0.75 });
  });

  it("keeps a class name when most members are that class", () => {
    expect(conceptOf([0, 5, 1], mass, TOY)).toEqual({ name: "phone", wnid: "n1", coverage: 2 / 3 });
    expect(conceptOf([1], mass, TOY)).toEqual({ name: "laptop", wnid: "n2", coverage: 1 });
  });

  it("climbs only as far as needed to cover more than half", () => {
    expect(conceptOf([3, 4], mass, TOY)).toEqual({ name: "berry", wnid: "n6", coverage: 1 });
    expect(conceptOf([0, 3], mass, TOY)?.name).toBe("entity");
    expect(conceptOf([], mass, TOY)).toBeNull();
  });
});
