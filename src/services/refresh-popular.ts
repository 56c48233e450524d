import { readConfig } from "../config.ts";
import { refreshQuery } from "./queries.ts";
import { acquireRefreshLease, queriesDueForRefresh } from "./query-stats.ts";

export interface RefreshReport {
  refreshed: string[];
  failed: { query: string; error: string }[];
  /** Due, but another refresh of the same key holds the lease. */
  skipped: string[];
}

/**
 * The cron's work: the most popular queries whose result is older than the configured age,
 * at most `REFRESH_MAX_PER_RUN` of them, through the same code as the endpoint. A failed
 * refresh keeps the previous result and is recorded on the query.
 */
export async function refreshPopular(env: Env, now: number): Promise<RefreshReport> {
  const config = readConfig(env);
  const due = await queriesDueForRefresh(env.DB, now - config.refreshOlderThanSeconds, config.refreshMaxPerRun);
  const report: RefreshReport = { refreshed: [], failed: [], skipped: [] };
  for (const row of due) {
    const label = `${row.source}:${row.query}`;
    if (!(await acquireRefreshLease(env.DB, row, now))) {
      report.skipped.push(label);
      continue;
    }
    try {
      await refreshQuery(env, config, row, now);
      report.refreshed.push(label);
    } catch (error) {
      report.failed.push({ query: label, error: (error as Error).message });
    }
  }
  return report;
}
