import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// One vitest run, several projects: service verbs and the libSQL server in
// plain Node (fast), entry points in workerd, the portal in Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          environment: "node",
          include: ["test/node/**/*.test.ts"],
          globalSetup: ["test/support/global-setup-node.ts"],
          testTimeout: 20_000,
        },
      },
      {
        plugins: [
          cloudflareTest(({ inject }) => ({
            main: "./worker/index.ts",
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              bindings: {
                ENVIRONMENT: "test",
                LIBSQL_URL: inject("libsqlUrl"),
                PORTAL_URL: "http://portal.test",
                TENANT_BASE_DOMAIN: "portal.test",
                ADMIN_TOKEN: "operator-secret",
              },
            },
          })),
        ],
        test: {
          name: "workers",
          include: ["test/workers/**/*.test.ts"],
          globalSetup: ["test/support/global-setup-workers.ts"],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "e2e",
          environment: "node",
          include: ["test/e2e/**/*.test.ts"],
          globalSetup: ["test/support/global-setup-e2e.ts"],
          testTimeout: 60_000,
          hookTimeout: 240_000,
          // One browser session walks one story in order.
          sequence: { concurrent: false },
          fileParallelism: false,
        },
      },
    ],
  },
});
