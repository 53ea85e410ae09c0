// Applies drizzle-kit migrations to one libSQL database in a single atomic
// batch, recording each applied tag, so a failure leaves the old version.
import type { Client } from "@libsql/client";

export interface Migration {
  tag: string;
  statements: string[];
}

export interface MigrationResult {
  applied: string[];
  version: string | null;
}

export function latestVersion(migrations: Migration[]): string | null {
  return migrations.at(-1)?.tag ?? null;
}

export async function applyMigrations(
  client: Pick<Client, "batch">,
  migrations: Migration[],
  now: number,
): Promise<MigrationResult> {
  const [, applied] = await client.batch(
    [
      "CREATE TABLE IF NOT EXISTS schema_migrations (tag TEXT PRIMARY KEY NOT NULL, applied_at INTEGER NOT NULL)",
      "SELECT tag FROM schema_migrations",
    ],
    "write",
  );
  const done = new Set(applied!.rows.map((r) => String(r.tag)));
  const pending = migrations.filter((m) => !done.has(m.tag));
  if (pending.length > 0) {
    await client.batch(
      pending.flatMap((m) => [
        ...m.statements,
        { sql: "INSERT INTO schema_migrations (tag, applied_at) VALUES (?, ?)", args: [m.tag, now] },
      ]),
      "write",
    );
  }
  return { applied: pending.map((m) => m.tag), version: latestVersion(migrations) };
}

/** The statements a brand-new database needs, for provisioning in one batch. */
export function migrationStatements(migrations: Migration[], now: number) {
  return [
    "CREATE TABLE IF NOT EXISTS schema_migrations (tag TEXT PRIMARY KEY NOT NULL, applied_at INTEGER NOT NULL)",
    ...migrations.flatMap((m) => [
      ...m.statements,
      { sql: "INSERT INTO schema_migrations (tag, applied_at) VALUES (?, ?)", args: [m.tag, now] },
    ]),
  ];
}
