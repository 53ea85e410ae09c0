// Production bundles as `wrangler deploy` would upload them (dry run), and
// their gzip sizes: used by the bundle test and the benchmarks.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { root } from "./stack.mjs";

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

export function sizeOf(files) {
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const data = readFileSync(f);
    raw += data.length;
    gzip += gzipSync(data, { level: 9 }).length;
  }
  return { files: files.length, raw, gzip };
}

/** Runs `wrangler deploy --dry-run` for a config and measures what it would upload. */
export function dryRunBundle(config, extraArgs = []) {
  const outdir = mkdtempSync(join(tmpdir(), "bundle-"));
  const r = spawnSync(join(root, "node_modules/.bin/wrangler"), ["deploy", "--dry-run", "--outdir", outdir, "-c", config, ...extraArgs], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", FORCE_COLOR: "0" },
  });
  if (r.status !== 0) throw new Error(`wrangler deploy --dry-run -c ${config} failed:\n${r.stdout}\n${r.stderr}`);
  const files = filesUnder(outdir).filter((f) => /\.(m?js|wasm)$/.test(f) && !f.endsWith(".map"));
  return { outdir, output: r.stdout, ...sizeOf(files) };
}

export function portalClientAssets() {
  const dir = join(root, "web", ".svelte-kit", "cloudflare", "_app");
  try {
    statSync(dir);
  } catch {
    return null;
  }
  return sizeOf(filesUnder(dir).filter((f) => /\.(js|css)$/.test(f)));
}
