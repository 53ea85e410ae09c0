// `npm run bench`: figures, not pass/fail. Starts the real stack (local
// libSQL server + API Worker in workerd via wrangler dev) on its own ports
// and data dir, then measures latency, throughput and database round trips
// per request, tenant provisioning time and production bundle sizes.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { dryRunBundle, portalClientAssets } from "./lib/bundles.mjs";
import { demo } from "./lib/seed.mjs";
import { buildPortal, startStack } from "./lib/stack.mjs";
import { benchProgram } from "./lib/bench-program.mjs";
import { benchDeals } from "./lib/bench-deals.mjs";
import { spawnSync } from "node:child_process";

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const N = Number(process.env.BENCH_REQUESTS ?? 400);

function pct(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function load(name, total, fn, concurrency = CONCURRENCY) {
  const latencies = [];
  const trips = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        const res = await fn(i);
        latencies.push(performance.now() - t0);
        if (!res.ok) failures++;
        trips.push(Number(res.headers.get("x-db-round-trips") ?? NaN));
        await res.body?.cancel();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const row = {
    name,
    requests: total,
    failures,
    "req/s": (total / seconds).toFixed(0),
    "p50 ms": pct(latencies, 50).toFixed(1),
    "p99 ms": pct(latencies, 99).toFixed(1),
    "db trips/req": (trips.reduce((a, b) => a + b, 0) / trips.length).toFixed(2),
  };
  console.log(`  ${name.padEnd(34)} ${String(row["req/s"]).padStart(6)} req/s   p50 ${row["p50 ms"].padStart(6)} ms   p99 ${row["p99 ms"].padStart(6)} ms   ${row["db trips/req"]} db round trips/request${failures ? `   ${failures} FAILED` : ""}`);
  return row;
}

const json = (body, token) => ({
  method: "POST",
  headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify(body),
});

// Tenant-database round trips per request (the API's x-db-round-trips header)
// for the requests the building-blocks issue names, beside the figures before
// the session check rode in the verb's first batch (before commit f7f95f9).
const TRIPS_BEFORE = { login: 2, me: 1, list: 2, detail: 2, register: 3, approve: 3 };

async function roundTrips(call, auth, adminToken, partnerToken, email) {
  const trips = (res) => Number(res.headers.get("x-db-round-trips"));
  const send = async (label, key, res) => {
    if (!res.ok) throw new Error(`${label}: ${res.status} ${await res.text()}`);
    console.log(`  ${label.padEnd(42)} ${String(trips(res)).padStart(2)} now   ${TRIPS_BEFORE[key]} before`);
    return res;
  };
  console.log("\nDatabase round trips per request (tenant database; one request each):");
  await send("POST auth/login", "login", await call(`/api/t/${demo.slug}/auth/login`, json({ email, password: demo.password })));
  await send("GET me", "me", await call(`/api/t/${demo.slug}/me`, auth(partnerToken)));
  await send("GET deals?limit=25 (a list)", "list", await call(`/api/t/${demo.slug}/deals?limit=25`, auth(partnerToken)));
  const body = { customerName: `Round Trip ${Date.now().toString(36)} GmbH`, value: 5_000, currency: "EUR", products: ["Switch"] };
  const registered = await send("POST deals (registration)", "register", await call(`/api/t/${demo.slug}/deals`, json(body, partnerToken)));
  const deal = await registered.json();
  await send("GET deals/{id} (a detail)", "detail", await call(`/api/t/${demo.slug}/deals/${deal.id}`, auth(partnerToken)));
  await send("POST deals/{id}/approve (a review action)", "approve", await call(`/api/t/${demo.slug}/deals/${deal.id}/approve`, json({}, adminToken)));
}

const dataDir = mkdtempSync(join(tmpdir(), "pp-bench-"));
console.log("Starting the stack (libSQL server + API Worker in workerd)…");
const stack = await startStack({ libsqlPort: 18180, apiPort: 18887, portalPort: 18573, dataDir, portal: false, scheduler: false });
const api = stack.apiUrl;
try {
  const call = (path, init) => fetch(`${api}${path}`, init);
  const admin = await (await call(`/api/t/${demo.slug}/auth/login`, json({ email: demo.admin.email, password: demo.password }))).json();
  const partner = await (await call(`/api/t/${demo.slug}/auth/login`, json({ email: demo.partnerUser.email, password: demo.password }))).json();

  // Login counts every attempt per client address (300 per 15 minutes;
  // wrangler dev reports every client as 127.0.0.1) and only failures per
  // email: 90 logins, spread over members, stay under the address limit.
  const members = 12;
  console.log(`Preparing ${members} members for the login benchmark…`);
  const emails = Array.from({ length: members }, (_, i) => `bench-${i}@acme.test`);
  await Promise.all(emails.map((email, i) => call(`/api/t/${demo.slug}/invitations`, json({ email, name: `Bench ${i}`, role: "channel_manager" }, admin.session.token))));
  for (const email of emails) {
    let token;
    for (let tries = 0; !token && tries < 100; tries++) {
      const { messages } = await (await call(`/api/dev/mailbox?to=${encodeURIComponent(email)}&limit=1`)).json();
      token = messages[0]?.text.match(/invite\?token=(\S+)/)?.[1];
      if (!token) await new Promise((r) => setTimeout(r, 100));
    }
    const r = await call(`/api/t/${demo.slug}/invitations/accept`, json({ token, name: "Bench", password: demo.password }));
    if (!r.ok) throw new Error(`accept failed for ${email}: ${r.status} ${await r.text()}`);
  }

  const auth = (token) => ({ headers: { authorization: `Bearer ${token}` } });
  console.log("\nLatency, one client at a time (wrangler dev + local libSQL, all on this 2-core machine):");
  await load("GET /api/health", 100, () => call("/api/health"), 1);
  await load("GET me (vendor admin)", 100, () => call(`/api/t/${demo.slug}/me`, auth(admin.session.token)), 1);
  await load("GET dashboard (vendor admin)", 100, () => call(`/api/t/${demo.slug}/dashboard`, auth(admin.session.token)), 1);
  await load("GET users?limit=25 (vendor admin)", 100, () => call(`/api/t/${demo.slug}/users?limit=25`, auth(admin.session.token)), 1);

  await roundTrips(call, auth, admin.session.token, partner.session.token, emails[0]);

  console.log(`\nThroughput, ${CONCURRENCY} concurrent clients:`);
  await load("GET /api/health", N, () => call("/api/health"));
  await load("POST auth/login", 90, (i) => call(`/api/t/${demo.slug}/auth/login`, json({ email: emails[i % members], password: demo.password })));
  await load("GET me (vendor admin)", N, () => call(`/api/t/${demo.slug}/me`, auth(admin.session.token)));
  await load("GET dashboard (vendor admin)", N, () => call(`/api/t/${demo.slug}/dashboard`, auth(admin.session.token)));
  await load("GET users?limit=25 (vendor admin)", N, () => call(`/api/t/${demo.slug}/users?limit=25`, auth(admin.session.token)));
  await load("GET dashboard (partner user)", N, () => call(`/api/t/${demo.slug}/dashboard`, auth(partner.session.token)));

  console.log("\nTenant provisioning (vendor signup: tenant row, new database, schema, admin, session):");
  const times = [];
  for (let i = 0; i < 10; i++) {
    const slug = `bench-${Date.now().toString(36)}-${i}`;
    const t0 = performance.now();
    const r = await call("/api/signup", json({ company: `Bench ${i}`, slug, name: "Bench", email: `${slug}@example.com`, password: "bench-password-1" }));
    times.push(performance.now() - t0);
    if (r.status !== 201) throw new Error(`signup failed: ${r.status} ${await r.text()}`);
    console.log(`  signup ${i + 1}: ${times.at(-1).toFixed(0)} ms, ${r.headers.get("x-db-round-trips")} db round trips`);
  }
  times.sort((a, b) => a - b);
  console.log(`  p50 ${pct(times, 50).toFixed(0)} ms, max ${times.at(-1).toFixed(0)} ms (target: under 2000 ms)`);

  await benchProgram({ api, libsqlUrl: stack.libsqlUrl, slug: demo.slug, token: admin.session.token });
  await benchDeals({ api, libsqlUrl: stack.libsqlUrl, slug: demo.slug, partnerToken: partner.session.token });
} finally {
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

// The sweep runs the verb in Node against its own libSQL server (see the script).
spawnSync(join(import.meta.dirname, "..", "node_modules", ".bin", "tsx"), [join(import.meta.dirname, "bench-deal-sweep.ts")], { stdio: "inherit" });

console.log("\nBundle sizes (what wrangler deploy would upload):");
const apiBundle = dryRunBundle("wrangler.toml", ["--env", "production"]);
console.log(`  API Worker            ${(apiBundle.raw / 1024).toFixed(0)} KiB raw, ${(apiBundle.gzip / 1024).toFixed(0)} KiB gzip`);
try {
  await buildPortal();
  const portal = dryRunBundle("web/wrangler.toml");
  console.log(`  Portal Worker         ${(portal.raw / 1024).toFixed(0)} KiB raw, ${(portal.gzip / 1024).toFixed(0)} KiB gzip`);
  const assets = portalClientAssets();
  if (assets) console.log(`  Portal client JS+CSS  ${(assets.raw / 1024).toFixed(0)} KiB raw, ${(assets.gzip / 1024).toFixed(0)} KiB gzip (${assets.files} files)`);
} catch (e) {
  console.log(`  Portal: not measured (${e.message.split("\n")[0]})`);
}
