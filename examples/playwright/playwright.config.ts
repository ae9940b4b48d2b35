// Playwright config of the example suite. The fixture launches its own Chromium with the extension, so no
// `projects` or `use.browserName` is needed; CHROME_PATH (or the fixture's gpumemOptions.browser) names it.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  timeout: 60_000,
  outputDir: process.env.PW_OUTPUT_DIR ?? 'test-results',
  reporter: process.env.CI ? [['list'], ['json', { outputFile: process.env.REPORT_FILE ?? 'gpumem-report.json' }]] : 'list',
  // Each test runs its own browser: a few at a time suit a 2-core CI machine.
  workers: 2,
});
