// The production bundle must build: a broken import or a Node-only module in
// the Worker fails here, in CI, not at deploy time.
import { describe, expect, it } from "vitest";
// @ts-expect-error plain ESM helper shared with the benchmarks
import { dryRunBundle } from "../../scripts/lib/bundles.mjs";

describe("API Worker production bundle", () => {
  it("builds with wrangler deploy --dry-run for the production environment and stays small", () => {
    const bundle = dryRunBundle("wrangler.toml", ["--env", "production"]) as { gzip: number; output: string };
    expect(bundle.output).toContain("OUTBOX_QUEUE");
    expect(bundle.gzip).toBeGreaterThan(10_000);
    // Workers' free-plan limit is 3 MiB gzip; stay far below it.
    expect(bundle.gzip).toBeLessThan(1024 * 1024);
  }, 60_000);
});
