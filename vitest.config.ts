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
    ],
  },
});
