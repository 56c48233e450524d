import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { defineConfig } from "vitest/config";
import { fakeImageHost } from "./test/fake-image-host.ts";

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.jsonc" },
      miniflare: {
        bindings: { FETCH_TIMEOUT_MS: "1500" },
        outboundService: fakeImageHost({
          "photos/": (name) => readFile(join(import.meta.dirname, "../shared/data/photos", name)),
          "fixtures/": (name) => readFile(join(import.meta.dirname, "test/fixtures", name)),
        }),
      },
    }),
  ],
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
