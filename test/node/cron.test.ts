// The local scheduler fires exactly the crons Cloudflare would.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain ESM helper of the local stack
import { cronMatches, cronsFromWranglerToml } from "../../scripts/lib/cron.mjs";
import { cronJobs } from "../../worker/platform/jobs/cron.ts";

const at = (iso: string) => new Date(iso);

describe("local cron scheduler", () => {
  it("matches steps, fixed minutes and hours in UTC", () => {
    expect(cronMatches("*/5 * * * *", at("2026-11-23T10:15:00Z"))).toBe(true);
    expect(cronMatches("*/5 * * * *", at("2026-11-23T10:16:00Z"))).toBe(false);
    expect(cronMatches("0 * * * *", at("2026-11-23T10:00:00Z"))).toBe(true);
    expect(cronMatches("0 * * * *", at("2026-11-23T10:30:00Z"))).toBe(false);
    expect(cronMatches("30 3 * * *", at("2026-11-23T03:30:00Z"))).toBe(true);
    expect(cronMatches("30 3 * * *", at("2026-11-23T04:30:00Z"))).toBe(false);
    expect(cronMatches("0 9 * * 1-5", at("2026-11-23T09:00:00Z"))).toBe(true); // a Monday
    expect(cronMatches("0 9 * * 1-5", at("2026-11-22T09:00:00Z"))).toBe(false); // a Sunday
    expect(cronMatches("0,30 * * * *", at("2026-11-23T09:30:00Z"))).toBe(true);
  });

  it("reads the crons from wrangler.toml, and every one of them has a job", () => {
    const crons = cronsFromWranglerToml(readFileSync("wrangler.toml", "utf8")) as string[];
    expect(crons).toEqual(["*/5 * * * *", "0 * * * *", "30 3 * * *", "0 2 * * *"]);
    expect(Object.keys(cronJobs).sort()).toEqual([...crons].sort());
  });
});
