// `npm run deploy`: production to Cloudflare + Turso. `--migrate-control`
// applies the control database's migrations (CONTROL_DB_URL/TOKEN);
// `--dry-run` builds both bundles without uploading.
import { createClient } from "@libsql/client";
import { buildPortal, root, run } from "./lib/stack.mjs";
import { join } from "node:path";

const args = new Set(process.argv.slice(2));
const wrangler = join(root, "node_modules/.bin/wrangler");

if (args.has("--migrate-control")) {
  const url = process.env.CONTROL_DB_URL;
  if (!url) throw new Error("set CONTROL_DB_URL (and CONTROL_DB_TOKEN)");
  const { applyMigrations } = await import("../db/migrate.ts");
  const { migrations } = await import("../db/migrations/control.gen.ts");
  const client = createClient({ url, authToken: process.env.CONTROL_DB_TOKEN });
  const result = await applyMigrations(client, migrations, Date.now());
  console.log(`control database at ${result.version}; applied: ${result.applied.join(", ") || "nothing"}`);
  process.exit(0);
}

const dry = args.has("--dry-run") ? ["--dry-run", "--outdir", join(root, "dist")] : [];
await run(wrangler, ["deploy", "-c", "wrangler.toml", "--env", "production", ...dry.map((a) => (a.endsWith("dist") ? `${a}/api` : a))], { cwd: root });
await buildPortal({ force: true });
await run(wrangler, ["deploy", "-c", "web/wrangler.toml", ...dry.map((a) => (a.endsWith("dist") ? `${a}/portal` : a))], { cwd: root });
