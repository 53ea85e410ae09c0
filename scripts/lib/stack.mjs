// Starts the whole product on one machine: the local libSQL server, the API
// Worker and the portal Worker under wrangler dev (workerd, local queues),
// a local cron scheduler, and the demo seed. Used by `npm start`, the
// end-to-end tests and the benchmarks, with different ports and data dirs.
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { cronMatches, cronsFromWranglerToml } from "./cron.mjs";
import { seedDemo } from "./seed.mjs";

export const root = resolve(import.meta.dirname, "../..");
const bin = (name) => join(root, "node_modules", ".bin", name);

const quietEnv = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  NO_UPDATE_NOTIFIER: "1",
  FORCE_COLOR: "0",
};

async function waitFor(url, { timeoutMs = 60_000, ok = (r) => r.ok } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      await res.body?.cancel();
      if (ok(res)) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = e.message;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${url} (${last})`);
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the portal unless its bundle is newer than every source file. */
export async function buildPortal({ force = false, log = console.log } = {}) {
  const web = join(root, "web");
  const out = join(web, ".svelte-kit", "cloudflare", "_worker.js");
  const sources = Math.max(newestMtime(join(web, "src")), newestMtime(join(web, "messages")), statSync(join(web, "svelte.config.js")).mtimeMs);
  if (!force && existsSync(out) && statSync(out).mtimeMs > sources) return false;
  log("building the portal…");
  await run(bin("vite"), ["build", "--logLevel", "warn"], { cwd: web });
  return true;
}

export function run(cmd, args, opts = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { stdio: "inherit", env: quietEnv, ...opts });
    child.on("exit", (code) => (code === 0 ? resolvePromise() : reject(new Error(`${cmd} ${args.join(" ")} exited ${code}`))));
  });
}

export async function startStack({
  libsqlPort = 8080,
  apiPort = 8787,
  portalPort = 5173,
  dataDir = join(root, ".data"),
  seed = true,
  scheduler = true,
  portal = true,
  echo = false,
  log = console.log,
} = {}) {
  mkdirSync(join(dataDir, "logs"), { recursive: true });
  const children = [];
  const libsqlUrl = `http://127.0.0.1:${libsqlPort}`;
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const portalUrl = `http://127.0.0.1:${portalPort}`;

  // Each stack has its own wrangler dev registry, so the portal's service
  // binding reaches this stack's API Worker even when another stack runs.
  const env = { ...quietEnv, WRANGLER_REGISTRY_PATH: join(dataDir, "registry") };
  const launch = (name, cmd, args, cwd = root) => {
    const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    const file = createWriteStream(join(dataDir, "logs", `${name}.log`), { flags: "a" });
    for (const stream of [child.stdout, child.stderr]) {
      stream.pipe(file, { end: false });
      if (echo) stream.on("data", (d) => process.stdout.write(String(d).replace(/^(?=.)/gm, `[${name}] `)));
    }
    child.on("exit", (code, signal) => {
      if (!stopping) log(`${name} exited (${code ?? signal}); see ${join(dataDir, "logs", `${name}.log`)}`);
    });
    children.push(child);
    return child;
  };

  let stopping = false;
  let timer;
  const stop = async () => {
    stopping = true;
    clearTimeout(timer);
    await Promise.all(
      children.map(
        (c) =>
          new Promise((r) => {
            if (c.exitCode !== null || c.signalCode !== null) return r();
            c.once("exit", r);
            try {
              process.kill(-c.pid, "SIGTERM");
            } catch {
              r();
            }
            setTimeout(() => {
              try {
                process.kill(-c.pid, "SIGKILL");
              } catch {
                /* gone */
              }
              r();
            }, 5000).unref();
          }),
      ),
    );
  };

  try {
    launch("libsql", process.execPath, [join(root, "db/server/main.ts"), "--port", String(libsqlPort), "--data", join(dataDir, "libsql")]);
    await waitFor(`${libsqlUrl}/health`, { timeoutMs: 20_000 });
    const { bootstrapLocal } = await import("../../db/bootstrap.ts");
    await bootstrapLocal({ baseUrl: libsqlUrl });

    if (portal) await buildPortal({ log });

    const vars = ["--var", `LIBSQL_URL:${libsqlUrl}`, "--var", `PORTAL_URL:${portalUrl}`];
    const common = ["--ip", "127.0.0.1", "--persist-to", join(dataDir, "wrangler"), "--show-interactive-dev-session=false"];
    // Started one after the other with fixed inspector ports: wrangler picks
    // free ports racily, and two processes starting at once can collide.
    launch("api", bin("wrangler"), ["dev", "-c", "wrangler.toml", "--port", String(apiPort), "--inspector-port", String(apiPort + 1), ...common, ...vars]);
    await waitFor(`${apiUrl}/api/health`);
    if (portal) {
      launch("portal", bin("wrangler"), ["dev", "-c", "web/wrangler.toml", "--port", String(portalPort), "--inspector-port", String(portalPort + 1), ...common]);
      await waitFor(`${portalUrl}/`, { ok: (r) => r.status < 500 });
    }

    const crons = cronsFromWranglerToml(readFileSync(join(root, "wrangler.toml"), "utf8"));
    if (scheduler) {
      // Crons never fire by themselves under wrangler dev; this fires them on schedule.
      const tick = () => {
        const now = new Date();
        for (const cron of crons.filter((c) => cronMatches(c, now))) {
          fetch(`${apiUrl}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent(cron)}`)
            .then((r) => r.body?.cancel())
            .catch((e) => log(`cron ${cron} failed: ${e.message}`));
        }
        timer = setTimeout(tick, 60_000 - (Date.now() % 60_000) + 50);
      };
      timer = setTimeout(tick, 60_000 - (Date.now() % 60_000) + 50);
    }

    const seeded = seed ? await seedDemo(apiUrl) : null;
    return { libsqlUrl, apiUrl, portalUrl, crons, seeded, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
