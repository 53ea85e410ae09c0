// Prepares a local libSQL server for the platform: the control database
// (migrated to the latest schema) and the dev mailbox database. Idempotent;
// used by `npm start`, the test suites and the benchmarks.
import { createClient } from "@libsql/client";
import { migrations as controlMigrations } from "./migrations/control.gen.ts";
import { applyMigrations } from "./migrate.ts";

export interface LocalDatabases {
  baseUrl: string;
  authToken?: string | undefined;
  control?: string;
  mailbox?: string;
}

export async function ensureNamespace(baseUrl: string, name: string, authToken?: string): Promise<void> {
  const res = await fetch(`${baseUrl}/v1/namespaces/${name}/create`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(authToken ? { authorization: `Bearer ${authToken}` } : {}) },
    body: "{}",
  });
  await res.body?.cancel();
  if (!res.ok && res.status !== 409) throw new Error(`cannot create database ${name}: HTTP ${res.status}`);
}

export async function bootstrapLocal(opts: LocalDatabases): Promise<{ controlUrl: string; applied: string[] }> {
  const control = opts.control ?? "control";
  await ensureNamespace(opts.baseUrl, control, opts.authToken);
  await ensureNamespace(opts.baseUrl, opts.mailbox ?? "devmail", opts.authToken);
  const controlUrl = `${opts.baseUrl}/${control}/`;
  const client = createClient({ url: controlUrl, ...(opts.authToken ? { authToken: opts.authToken } : {}) });
  try {
    const { applied } = await applyMigrations(client, controlMigrations, Date.now());
    return { controlUrl, applied };
  } finally {
    client.close();
  }
}
