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
