import type { Config } from "../config.ts";
import { ApiError } from "../errors.ts";
import { createCatalogueSource } from "./catalogue.ts";
import { createOpenverseSource } from "./openverse.ts";
import type { ImageSearchSource } from "./types.ts";

const factories: Record<string, (env: Env, config: Config) => ImageSearchSource> = {
  openverse: (_env, config) =>
    createOpenverseSource({
      baseUrl: config.openverse.baseUrl,
      pageSize: config.openverse.pageSize,
      licenseType: config.openverse.licenseType || undefined,
      timeoutMs: config.fetchTimeoutMs,
    }),
  catalogue: (env) => createCatalogueSource(env.DB),
};

/** A 400 naming the `source` field unless configuration enables it (`SOURCES` in wrangler.jsonc). */
export function assertSourceEnabled(config: Config, name: string): void {
  if (!factories[name] || !config.sources.includes(name)) {
    throw new ApiError(400, "unknown_source", `source "${name}" is not enabled; use one of: ${config.sources.join(", ")}`, {
      field: "source",
    });
  }
}

export function getSource(env: Env, config: Config, name: string): ImageSearchSource {
  assertSourceEnabled(config, name);
  return factories[name]!(env, config);
}
