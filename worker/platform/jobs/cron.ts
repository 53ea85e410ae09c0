// Cron expressions (wrangler.toml [triggers]) mapped to named jobs. Each job
// fans out one tenant-ops message per tenant; the consumer does the work.
import type { Config, TenantOpsMessage } from "../../config.ts";
import { log } from "../log.ts";
import { fanOutToTenants } from "./fan-out.ts";
import { systemContext } from "./system-context.ts";

export const cronJobs: Record<string, { name: string; job: TenantOpsMessage["job"]; statuses?: string[] }[]> = {
  "*/5 * * * *": [{ name: "sweep-outbox", job: "sweep-outbox" }],
  "0 * * * *": [
    { name: "tenant-health", job: "tenant-health", statuses: ["active", "suspended"] },
    { name: "expire-deals", job: "expire-deals" },
  ],
  "30 3 * * *": [{ name: "migrate-all", job: "migrate-tenant", statuses: ["active", "suspended"] }],
  "0 2 * * *": [{ name: "evaluate-tiers", job: "evaluate-tiers" }],
};

export async function runCron(cron: string, config: Config, now: number): Promise<{ job: string; enqueued: number }[]> {
  const jobs = cronJobs[cron];
  if (!jobs) {
    log("warn", "no job for cron expression", { cron });
    return [];
  }
  const results = [];
  for (const j of jobs) {
    const ctx = systemContext(config, now, j.name);
    const { enqueued } = await fanOutToTenants({ ctx, job: j.job, ...(j.statuses ? { statuses: j.statuses } : {}) });
    log("info", "cron fan-out", { cron, job: j.name, enqueued });
    results.push({ job: j.name, enqueued });
  }
  return results;
}
