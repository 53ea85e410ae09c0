// globalSetup for the Chromium project: the whole product started exactly as
// `npm start` does (local libSQL server, API and portal Workers in workerd),
// on its own ports and a fresh data dir, without the demo seed.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
// @ts-expect-error plain ESM helper shared with `npm start`
import { startStack } from "../../scripts/lib/stack.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    portalUrl: string;
    apiUrl: string;
    libsqlUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const dataDir = await mkdtemp(join(tmpdir(), "pp-e2e-"));
  const stack = await startStack({
    libsqlPort: 38080,
    apiPort: 38787,
    portalPort: 35173,
    dataDir,
    seed: false,
    scheduler: false,
    log: () => undefined,
  });
  project.provide("portalUrl", stack.portalUrl);
  project.provide("apiUrl", stack.apiUrl);
  // Tests that move the clock edit a stored time directly (see deal-registration.test.ts).
  project.provide("libsqlUrl", stack.libsqlUrl);
  return async () => {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
