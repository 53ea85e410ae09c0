// `npm run bench` part: the hourly deal sweep for 100,000 due registrations
// across 100 tenants. Each tenant gets its own database on a fresh local
// libSQL server (the real engine over the same HTTP protocol the Workers
// use), 1,000 approved registrations whose protection has ended and 1,000
// that are still protected; then the same `expireDueDeals` verb the
// tenant-ops consumer runs is called once per tenant, eight tenants at a
// time like parallel queue consumers, and once more to show a re-run finds
// nothing. Run with tsx (the verbs' TypeScript is not plain type-strippable).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createClient } from "@libsql/client";
import { migrationStatements } from "../db/migrate.ts";
import { migrations } from "../db/migrations/tenant.gen.ts";
import { startLibsqlServer } from "../db/server/hrana-server.ts";
import { expireDueDeals } from "../worker/deals/expire-deals.ts";
import type { Ctx } from "../worker/platform/context.ts";
import { openTenantDb } from "../worker/platform/db.ts";

const TENANTS = Number(process.env.BENCH_SWEEP_TENANTS ?? 100);
const DUE_PER_TENANT = Number(process.env.BENCH_SWEEP_DUE ?? 1_000);
const CONCURRENCY = 8;
const DAY = 24 * 60 * 60 * 1000;

const dataDir = mkdtempSync(join(tmpdir(), "pp-bench-sweep-"));
const server = await startLibsqlServer({ port: 0, dataDir, log: false });
try {
  const now = Date.now();
  const t0 = performance.now();
  const names = Array.from({ length: TENANTS }, (_, i) => `sweep${i}`);
  for (const name of names) {
    await fetch(`${server.url}/v1/namespaces/${name}/create`, { method: "POST", body: "{}" });
    const db = createClient({ url: `${server.url}/${name}/` });
    await db.batch(migrationStatements(migrations, now), "write");
    await db.execute({ sql: "INSERT INTO partner_orgs (id, name, status, created_at) VALUES ('org', 'Bench Partner', 'active', ?)", args: [now] });
    for (let start = 0; start < 2 * DUE_PER_TENANT; start += 500) {
      const rows: string[] = [];
      const args: (string | number)[] = [];
      for (let i = start; i < Math.min(2 * DUE_PER_TENANT, start + 500); i++) {
        // Even rows ended their protection an hour ago; odd rows run for another 30 days.
        const expiresAt = i % 2 === 0 ? now - 60 * 60 * 1000 : now + 30 * DAY;
        rows.push("(?, 'org', 'rep', 'approved', ?, ?, 1000, 'USD', '[]', '[]', '{}', 1, ?, ?, 90, ?, ?, ?)");
        args.push(`d${i}`, `Customer ${i}`, `customer${i}`, now - 90 * DAY, now - 90 * DAY, expiresAt, now - 90 * DAY, now - 90 * DAY);
      }
      await db.execute({
        sql: `INSERT INTO deals (id, partner_org_id, submitted_by, status, customer_name, customer_name_key, value_minor, currency,
                products, product_keys, custom_fields, rules_version, submitted_at, approved_at, protection_days, expires_at, created_at, updated_at)
              VALUES ${rows.join(", ")}`,
        args,
      });
    }
    db.close();
  }
  console.log(`\nDeal expiry sweep (${TENANTS} tenants, ${(TENANTS * DUE_PER_TENANT).toLocaleString("en")} due of ${(TENANTS * DUE_PER_TENANT * 2).toLocaleString("en")} approved; seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s):`);

  const sweepAll = async () => {
    let next = 0;
    let expired = 0;
    let trips = 0;
    const perTenant: number[] = [];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < names.length) {
          const name = names[next++]!;
          const counter = { count: 0 };
          const ctx = { now: Date.now(), env: { portalUrl: "http://127.0.0.1:5173" }, tenant: { id: name, slug: name, name }, actor: { kind: "system", job: "expire-deals" }, db: openTenantDb({ url: `${server.url}/${name}/`, authToken: undefined }, counter) } as unknown as Ctx;
          const started = performance.now();
          const swept = await expireDueDeals({ ctx });
          if (process.env.BENCH_DEBUG) console.log(name, swept);
          expired += swept.expired;
          perTenant.push(performance.now() - started);
          trips += counter.count;
        }
      }),
    );
    perTenant.sort((a, b) => a - b);
    return { expired, trips, p50: perTenant[Math.floor(perTenant.length / 2)]!, max: perTenant.at(-1)! };
  };
  for (const label of ["first sweep", "second sweep (nothing due)"]) {
    const started = performance.now();
    const r = await sweepAll();
    const total = performance.now() - started;
    console.log(
      `  ${label.padEnd(28)} ${total.toFixed(0).padStart(6)} ms total, per tenant p50 ${r.p50.toFixed(0)} ms max ${r.max.toFixed(0)} ms, expired ${r.expired.toLocaleString("en")}, ${(r.trips / TENANTS).toFixed(1)} db round trips per tenant`,
    );
  }
} finally {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
