// Deal-registration benchmarks through the API Worker: registering a deal
// (validation, conflict check against every open registration, one write
// batch) at 1,000 and at 100,000 existing registrations, with the database
// round trips per registration. Existing registrations are seeded straight
// into the tenant database with the same normalized keys the Worker writes.
import { createClient } from "@libsql/client";
import { performance } from "node:perf_hooks";
import { companyNameKey, companyNameTokens, customerDomainKey } from "../../worker/deals/customer-keys.ts";

// Company names with the variety of real ones: made-up words (about 40,000 of
// them) in pairs, with a sector word that many share, so name tokens are
// mostly rare and a few are very common, as in a real customer base.
const C = ["b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z"];
const V = ["a", "e", "i", "o", "u"];
const SECTORS = ["Foods", "Logistics", "Health", "Motors", "Bank", "Retail", "Energy", "Media", "Labs", "Pharma"];
const word = (n) => {
  let w = "";
  for (let k = 0; k < 3; k++) {
    w += C[n % 15] + V[Math.floor(n / 15) % 5];
    n = Math.floor(n / 75);
  }
  return w[0].toUpperCase() + w.slice(1);
};
const customer = (i) => {
  const name = `${word((i * 7919) % 421_875)} ${word((i * 104_729 + 17) % 421_875)} ${SECTORS[i % SECTORS.length]}`;
  return { name, domain: `${name.split(" ")[0].toLowerCase()}-${i}.example` };
};

async function seed(db, from, to, now, orgIds) {
  for (let start = from; start < to; start += 500) {
    const rows = [];
    const args = [];
    const tokenRows = [];
    const tokenArgs = [];
    for (let i = start; i < Math.min(to, start + 500); i++) {
      const c = customer(i);
      const id = `seed-deal-${i}`;
      const status = i % 3 === 0 ? "approved" : i % 3 === 1 ? "submitted" : "won";
      rows.push("(?, ?, 'bench-rep', ?, ?, ?, ?, ?, 2500000, 'USD', '[]', '[]', '{}', 1, ?, ?, ?, ?)");
      args.push(id, orgIds[i % orgIds.length], status, c.name, companyNameKey(c.name), c.domain, customerDomainKey({ website: c.domain }), now - i, status === "approved" ? now + 30 * 86_400_000 : null, now - i, now - i);
      for (const token of companyNameTokens(c.name)) {
        tokenRows.push("(?, ?)");
        tokenArgs.push(token, id);
      }
    }
    await db.batch(
      [
        {
          sql: `INSERT INTO deals (id, partner_org_id, submitted_by, status, customer_name, customer_name_key, customer_domain, customer_domain_key,
                  value_minor, currency, products, product_keys, custom_fields, rules_version, submitted_at, expires_at, created_at, updated_at)
                VALUES ${rows.join(", ")}`,
          args,
        },
        { sql: `INSERT OR IGNORE INTO deal_name_tokens (token, deal_id) VALUES ${tokenRows.join(", ")}`, args: tokenArgs },
      ],
      "write",
    );
  }
}

/** Registrations timed per size and kind: enough that one slow moment on a shared machine does not move the median. */
const SAMPLES = 60;

export async function benchDeals({ api, libsqlUrl, slug, partnerToken }) {
  const control = createClient({ url: `${libsqlUrl}/control/` });
  const { rows } = await control.execute({ sql: "SELECT database_name FROM tenants WHERE slug = ?", args: [slug] });
  const db = createClient({ url: `${libsqlUrl}/${rows[0].database_name}/` });
  const orgIds = (await db.execute("SELECT id FROM partner_orgs WHERE status = 'active' LIMIT 50")).rows.map((r) => String(r.id));
  const headers = { authorization: `Bearer ${partnerToken}`, "content-type": "application/json" };
  let run = 0;
  const register = async (body) => {
    const res = await fetch(`${api}/api/t/${slug}/deals`, { method: "POST", headers, body: JSON.stringify(body) });
    const deal = await res.json();
    if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(deal)}`);
    return { deal, trips: Number(res.headers.get("x-db-round-trips")) };
  };
  const sample = async (n, makeBody) => {
    const times = [];
    let trips = 0;
    let conflicts = 0;
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      const r = await register(makeBody(run++));
      times.push(performance.now() - t0);
      trips += r.trips;
      if (r.deal.conflict.matches.length > 0) conflicts++;
    }
    times.sort((a, b) => a - b);
    return { p50: times[Math.floor(n / 2)], p99: times[Math.min(n - 1, Math.floor(n * 0.99))], trips: trips / n, conflicts };
  };
  const fresh = (i) => {
    const c = customer(5_000_000 + i);
    return { customerName: c.name, customerDomain: `new-${c.domain}`, value: 12_000, currency: "USD", products: ["Switch"] };
  };
  // Same customer as a seeded registration, typed differently: a real conflict to explain
// (a third of the seeded ones are won, no longer open, so they do not conflict).
  const clash = (i) => {
    const c = customer((i * 37) % 1000);
    return { customerName: `${c.name.toUpperCase()} Inc.`, customerDomain: `https://www.${c.domain}/contact`, value: 9_000, currency: "USD" };
  };

  const now = Date.now();
  let seeded = 0;
  const figures = {};
  console.log("\nDeal registration with conflict check (POST /deals as a partner rep, through the API Worker):");
  for (const size of [1_000, 100_000]) {
    const t0 = performance.now();
    await seed(db, seeded, size, now, orgIds);
    seeded = size;
    const seedSeconds = ((performance.now() - t0) / 1000).toFixed(1);
    // Let the database settle after the bulk seed (its WAL checkpoint would otherwise land in the samples).
    await new Promise((r) => setTimeout(r, 3000));
    for (const [label, make] of [["new customer", fresh], ["conflicting customer", clash]]) {
      await sample(10, make); // warm-up
      const r = await sample(SAMPLES, make);
      figures[`${label}@${size}`] = r.p50;
      console.log(
        `  ${size.toLocaleString("en").padStart(7)} existing, ${label.padEnd(21)} p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   ${r.trips.toFixed(2)} db round trips   ${r.conflicts}/${SAMPLES} flagged`,
      );
    }
    console.log(`          (seeded to ${size.toLocaleString("en")} in ${seedSeconds} s)`);
  }
  for (const label of ["new customer", "conflicting customer"]) {
    console.log(`  100,000 vs 1,000 registrations, ${label}: ${(figures[`${label}@100000`] / figures[`${label}@1000`]).toFixed(2)}x (goal: at most 1.2)`);
  }
}
