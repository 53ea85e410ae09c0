// globalSetup for the workerd project: a real local libSQL server with the
// control and dev-mailbox databases bootstrapped, exactly as `npm start` does.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { bootstrapLocal } from "../../db/bootstrap.ts";
import { startLibsqlServer } from "../../db/server/hrana-server.ts";

export default async function setup(project: TestProject) {
  const dataDir = await mkdtemp(join(tmpdir(), "libsql-workers-"));
  const server = await startLibsqlServer({ port: 0, dataDir });
  await bootstrapLocal({ baseUrl: server.url });
  project.provide("libsqlUrl", server.url);
  return async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  };
}
