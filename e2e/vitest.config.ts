import { defineConfig } from 'vitest/config';

// End-to-end: the built extension (dist/) in real headless Chromium with SwiftShader. One file at a time:
// each launches its own browser, and the CI machine has two cores.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
