import { describe, expect, it } from "vitest";
import { ImageError } from "./errors.ts";
import { sniffImage } from "./sniff.ts";

const fixture = async (path: string) => new Uint8Array(await (await fetch(`https://img.test/${path}`)).arrayBuffer());

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof ImageError) return error.code;
    throw error;
  }
  return "no error";
}

describe("sniffImage", () => {
  it("reads format and size of real JPEG, PNG and WebP files", async () => {
    expect(sniffImage(await fixture("photos/dog.jpg"))).toEqual({ format: "jpeg", width: 768, height: 576, orientation: 1 });
    expect(sniffImage(await fixture("fixtures/giraffe-alpha.png"))).toMatchObject({ format: "png", width: 160, height: 160 });
    expect(sniffImage(await fixture("fixtures/dog-half.webp"))).toMatchObject({ format: "webp", width: 384, height: 288 });
  });

  it("reads the EXIF orientation of a rotated JPEG", async () => {
    expect(sniffImage(await fixture("fixtures/horses-exif6.jpg"))).toMatchObject({ width: 212, height: 320, orientation: 6 });
  });

  it("decides by magic bytes, not by name or header", () => {
    expect(codeOf(() => sniffImage(new TextEncoder().encode("<!doctype html>")))).toBe("unsupported_format");
    expect(codeOf(() => sniffImage(new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61])))).toBe("unsupported_format");
    expect(codeOf(() => sniffImage(new Uint8Array(0)))).toBe("unsupported_format");
  });

  it("reports truncated files of each format", async () => {
    for (const path of ["photos/dog.jpg", "fixtures/giraffe-alpha.png", "fixtures/dog-half.webp"]) {
      const bytes = await fixture(path);
      expect(codeOf(() => sniffImage(bytes.slice(0, bytes.length - 100))), path).toBe("truncated");
      expect(codeOf(() => sniffImage(bytes.slice(0, 40))), path).toBe("truncated");
    }
  });
});
