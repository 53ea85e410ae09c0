// The bundled migration modules must match drizzle-kit's SQL files, or a
// schema change would ship without its migration.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { migrationSets, renderMigrationsModule } from "../../db/bundle-migrations.ts";

describe("bundled migrations", () => {
  it.each(migrationSets)("%s.gen.ts is up to date (run npm run db:generate)", (set) => {
    const dir = join(import.meta.dirname, "../../db/migrations", set);
    expect(readFileSync(join(dir, "..", `${set}.gen.ts`), "utf8")).toBe(renderMigrationsModule(dir));
  });
});

describe("tenant migrations on a live database", () => {
  it("upgrade a tenant created on the first schema without losing its data", async () => {
    const { inject } = await import("vitest");
    const { createClient } = await import("@libsql/client/web");
    const { ensureNamespace } = await import("../../db/bootstrap.ts");
    const { applyMigrations } = await import("../../db/migrate.ts");
    const { migrations } = await import("../../db/migrations/tenant.gen.ts");
    const base = inject("libsqlUrl");
    const name = `upgrade-${crypto.randomUUID().slice(0, 8)}`;
    await ensureNamespace(base, name);
    const db = createClient({ url: `${base}/${name}/` });
    await applyMigrations(db, migrations.slice(0, 1), 1);
    await db.execute("INSERT INTO partner_orgs (id, name, status, created_at) VALUES ('p1', 'Old Partner', 'active', 1)");
    const result = await applyMigrations(db, migrations, 2);
    expect(result.applied).toEqual(migrations.slice(1).map((m) => m.tag));
    const row = (await db.execute("SELECT name, status, tier_id, partner_type FROM partner_orgs WHERE id = 'p1'")).rows[0]!;
    expect([row.name, row.status, row.tier_id, row.partner_type]).toEqual(["Old Partner", "active", null, null]);
    expect((await applyMigrations(db, migrations, 3)).applied).toEqual([]);
  });
});
