import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // The Discord end-to-end tests start real clients and servers on loopback: keep files from starving each other.
    maxWorkers: 2,
  },
});
