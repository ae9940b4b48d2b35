import { defineConfig } from 'vitest/config';

// Unit tests: pure code beside its source (src/**/*.test.ts), no browser.
export default defineConfig({
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
});
