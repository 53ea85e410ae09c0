// Partner-program benchmarks: the vendor console's partner list (filtered,
// sorted, searched, paged) at 1,000 and 10,000 partners, and tier evaluation
// for 10,000 partners. Partners are seeded straight into the tenant database
// (set-based inserts), the measured work goes through the API Worker.
import { createClient } from "@libsql/client";
import { performance } from "node:perf_hooks";

const TYPES = ["reseller", "referral", "msp", "systems_integrator", "technology"];
const REGIONS = ["EMEA", "NA", "APAC", "LATAM"];
const STATUSES = ["active", "active", "active", "onboarding", "suspended"];

async function seed(db, from, to, now) {
  for (let start = from; start < to; start += 500) {
    const rows = [];
    const args = [];
    const metricRows = [];
    const metricArgs = [];
    for (let i = start; i < Math.min(to, start + 500); i++) {
      const id = `bench-${i.toString().padStart(6, "0")}`;
      const name = `Partner ${["Alpha", "Beta", "Gamma", "Delta", "Omega"][i % 5]} ${i}`;
      const domain = `partner-${i}.example`;
      rows.push("(?, ?, ?, ?, ?, ?, ?, ?, ?)");
      args.push(id, name, STATUSES[i % STATUSES.length], now - i * 1000, TYPES[i % TYPES.length], REGIONS[i % REGIONS.length], domain, `${name} ${domain}`.toLowerCase(), now);
      metricRows.push("(?, 'won_revenue_12m', ?, ?)");
      metricArgs.push(id, (i * 7919) % 20_000_000, now);
    }
    await db.batch(
      [
        {
          sql: `INSERT INTO partner_orgs (id, name, status, created_at, partner_type, region, website_domain, search_text, updated_at) VALUES ${rows.join(",")}`,
          args,
        },
        { sql: `INSERT INTO partner_metrics (partner_org_id, metric, value, updated_at) VALUES ${metricRows.join(",")}`, args: metricArgs },
      ],
      "write",
    );
  }
}

async function time(n, fn) {
  const samples = [];
  let last;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    last = await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(n / 2)], max: samples.at(-1), last };
}

export async function benchProgram({ api, libsqlUrl, slug, token }) {
  const control = createClient({ url: `${libsqlUrl}/control/` });
  const { rows } = await control.execute({ sql: "SELECT database_name FROM tenants WHERE slug = ?", args: [slug] });
  const db = createClient({ url: `${libsqlUrl}/${rows[0].database_name}/` });
  const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const get = async (path) => {
    const res = await fetch(`${api}/api/t/${slug}${path}`, { headers: auth });
    const body = await res.json();
    if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
    return { body, trips: Number(res.headers.get("x-db-round-trips")) };
  };

  for (const [name, rank, min] of [["Registered", 1, null], ["Silver", 2, 2_500_000], ["Gold", 3, 10_000_000]]) {
    const res = await fetch(`${api}/api/t/${slug}/tiers`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({
        name,
        rank,
        color: ["#64748b", "#94a3b8", "#b45309"][rank - 1],
        benefits: { dealProtectionDays: 30 * rank, registrationDiscountPct: 5 * rank, mdfEligible: rank > 1, coopAccrualPct: rank, leadPriorityWeight: 10 * rank, contentVisibility: "partner" },
        criteria: min === null ? [] : [{ metric: "won_revenue_12m", min }],
      }),
    });
    if (!res.ok) throw new Error(`create tier ${name}: ${res.status} ${await res.text()}`);
  }

  const queries = [
    ["default (name asc)", "/partner-orgs?limit=50"],
    ["status=active, by name", "/partner-orgs?status=active&limit=50"],
    ["type+region, by created desc", "/partner-orgs?type=msp&region=EMEA&sort=created&dir=desc&limit=50"],
    ["search q=omega 9", "/partner-orgs?q=omega%209&limit=50"],
    ["sorted by tier", "/partner-orgs?sort=tier&limit=50"],
  ];
  const now = Date.now();
  let seeded = 0;
  const figures = {};
  for (const size of [1_000, 10_000]) {
    await seed(db, seeded, size, now);
    seeded = size;
    console.log(`\nPartner list at ${size.toLocaleString("en")} partners (p50 of 20 requests, through the API Worker):`);
    for (const [label, path] of queries) {
      const r = await time(20, () => get(path));
      figures[`${label}@${size}`] = r.p50;
      console.log(`  ${label.padEnd(30)} p50 ${r.p50.toFixed(1).padStart(6)} ms   max ${r.max.toFixed(1).padStart(6)} ms   ${r.last.trips} db round trips   total ${r.last.body.total}`);
    }
    const next = (await get("/partner-orgs?status=active&limit=50")).body.nextCursor;
    const page2 = await time(20, () => get(`/partner-orgs?status=active&limit=50&cursor=${encodeURIComponent(next)}`));
    console.log(`  ${"status=active, page 2 (cursor)".padEnd(30)} p50 ${page2.p50.toFixed(1).padStart(6)} ms`);
  }
  const ratio = figures["default (name asc)@10000"] / figures["default (name asc)@1000"];
  console.log(`  10,000 vs 1,000 partners, default list: ${ratio.toFixed(2)}x`);

  console.log("\nTier evaluation for 10,000 partners (POST /tiers/evaluate):");
  for (const label of ["first assignment", "re-run, nothing changed"]) {
    const t0 = performance.now();
    const res = await fetch(`${api}/api/t/${slug}/tiers/evaluate`, { method: "POST", headers: auth, body: "{}" });
    const body = await res.json();
    if (!res.ok) throw new Error(`evaluate: ${res.status} ${JSON.stringify(body)}`);
    console.log(`  ${label.padEnd(26)} ${(performance.now() - t0).toFixed(0).padStart(6)} ms   evaluated ${body.evaluated}, applied ${JSON.stringify(body.applied)}, ${res.headers.get("x-db-round-trips")} db round trips`);
  }
}
