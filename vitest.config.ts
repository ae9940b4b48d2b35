import { defineConfig } from 'vitest/config';

// Unit tests: pure code beside its source (src/, panels/ and scripts/), no browser.
export default defineConfig({
  test: { include: ['src/**/*.test.ts', 'panels/**/*.test.ts', 'scripts/**/*.test.ts'], environment: 'node' },
});
