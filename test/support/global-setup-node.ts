// Vitest globalSetup for the `node` project: starts one local libSQL server
// (db/server) on a random port over a fresh temp data dir, provides its base
// URL to tests as inject("libsqlUrl"), and tears both down after the run.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startLibsqlServer } from "../../db/server/hrana-server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the test libSQL server, e.g. http://127.0.0.1:40123 (no trailing slash). */
    libsqlUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const dataDir = await mkdtemp(join(tmpdir(), "libsql-test-"));
  const server = await startLibsqlServer({ port: 0, dataDir, log: process.env.LIBSQL_LOG === "1" });
  project.provide("libsqlUrl", server.url);
  return async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  };
}
