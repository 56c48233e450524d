import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { defineConfig } from "vitest/config";
import { fakeImageHost } from "./test/fake-image-host.ts";

const migrations = await readD1Migrations(join(import.meta.dirname, "migrations"));

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.jsonc" },
      miniflare: {
        bindings: {
          FETCH_TIMEOUT_MS: "1500",
          MAX_IMAGE_BYTES: "3000000",
          TEST_MIGRATIONS: migrations,
          WEBHOOK_SECRET: "test-generic-secret",
          CONTENTFUL_WEBHOOK_SECRET: "test-contentful-secret",
          STRAPI_WEBHOOK_TOKEN: "test-strapi-token",
          STRAPI_BASE_URL: "https://img.test",
        },
        outboundService: fakeImageHost({
          "photos/": (name) => readFile(join(import.meta.dirname, "../shared/data/photos", name)),
          "fixtures/": (name) => readFile(join(import.meta.dirname, "test/fixtures", name)),
          "mirror/": (name) => readFile(join(import.meta.dirname, "../shared/data/caltech101-sub30/images", name)),
          "caltech/": (name) => readFile(join(import.meta.dirname, "../shared/data/caltech101-sub30/images", name)),
        }, {
          openverse: (name) => readFile(join(import.meta.dirname, "test/fixtures/openverse", name)),
        }),
      },
    }),
  ],
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    setupFiles: ["./test/apply-migrations.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
