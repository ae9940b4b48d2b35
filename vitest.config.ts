import { defineConfig } from 'vitest/config';

// Unit tests: pure code beside its source (src/**/*.test.ts, panels/**/*.test.ts), no browser.
export default defineConfig({
  test: { include: ['src/**/*.test.ts', 'panels/**/*.test.ts'], environment: 'node' },
});
