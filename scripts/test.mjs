// `npm test`: type checks (API, tests, portal with svelte-check), then every
// vitest project (Node verbs and libSQL server, workerd entry points,
// Chromium end to end). Exits non-zero on the first failing step.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { root } from "./lib/stack.mjs";

const bin = (name) => join(root, "node_modules", ".bin", name);
const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" };

const steps = [
  ["types: API, db and Node tests", bin("tsc"), ["--noEmit", "-p", "tsconfig.json"], root],
  ["types: workerd tests", bin("tsc"), ["--noEmit", "-p", "test/workers/tsconfig.json"], root],
  ["portal: compile messages", bin("paraglide-js"), ["compile", "--project", "./project.inlang", "--outdir", "./src/lib/paraglide", "--strategy", "cookie", "preferredLanguage", "baseLocale"], join(root, "web")],
  ["portal: sync SvelteKit types", bin("svelte-kit"), ["sync"], join(root, "web")],
  ["types: portal (svelte-check)", bin("svelte-check"), ["--tsconfig", "./tsconfig.json", "--fail-on-warnings", "--threshold", "warning"], join(root, "web")],
  ["tests: all vitest projects", bin("vitest"), ["run", ...process.argv.slice(2)], root],
];

for (const [name, cmd, args, cwd] of steps) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd, env, stdio: "inherit" });
  if (r.status !== 0) {
    console.error(`\n✖ ${name} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
  console.log(`✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
