// gpu-memory-inspector/playwright as a user's suite runs it: Playwright's own test runner on the sample
// spec in examples/playwright, which passes on examples/route-app.html and fails on its ?leak variant with
// the leak named and the recording attached to the report; and the fixture's API (snapshots, alerts, the
// trace, both matchers failing with their reasons) in e2e/fixtures/playwright.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../src/cli/static-server';
import { parseTraceText } from '../src/model/trace-read';
import { ROOT } from './helpers';

interface Run { code: number; stdout: string; stderr: string; report: PwReport }
interface PwAttachment { name: string; contentType: string; body?: string }
interface PwResult { status: string; attachments: PwAttachment[]; errors: { message?: string }[] }
interface PwReport { suites: { specs: { title: string; tests: { results: PwResult[] }[] }[] }[] }

const dir = mkdtempSync(join(tmpdir(), 'gpumem-pw-'));

/** Runs Playwright's test runner on a config, as `npx playwright test -c <config>` does. */
function playwrightTest(config: string, appUrl: string, name: string): Promise<Run> {
  const env = {
    ...process.env,
    CI: '1',
    APP_URL: appUrl,
    REPORT_FILE: join(dir, `${name}.json`),
    PW_OUTPUT_DIR: join(dir, `${name}-results`),
    CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  };
  return new Promise((done) => {
    execFile(process.execPath, [resolve(ROOT, 'node_modules/@playwright/test/cli.js'), 'test', '-c', config], { cwd: ROOT, env, timeout: 110_000 }, (err, stdout, stderr) => {
      const report = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as PwReport;
      done({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr, report });
    });
  });
}

const onlyResult = (r: Run): PwResult => r.report.suites[0]!.specs[0]!.tests[0]!.results[0]!;

describe('the Playwright fixture', () => {
  let server: StaticServer;
  let healthy: Run;
  let leaking: Run;
  let matchers: Run;

  beforeAll(async () => {
    server = await serveStatic(resolve(ROOT, 'examples'));
    const app = `${server.url}route-app.html`;
    [healthy, leaking, matchers] = await Promise.all([
      playwrightTest('examples/playwright/playwright.config.ts', app, 'healthy'),
      playwrightTest('examples/playwright/playwright.config.ts', `${app}?leak`, 'leaking'),
      playwrightTest('e2e/fixtures/playwright/playwright.config.ts', `${app}?leak`, 'matchers'),
    ]);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  it('passes the sample spec on the healthy app, with no trace attached', () => {
    expect(healthy.code).toBe(0);
    expect(onlyResult(healthy).status).toBe('passed');
    expect(onlyResult(healthy).attachments.map((a) => a.name)).not.toContain('gpumem-trace.json');
  });

  it('fails it on the leaking app, naming the leak, with the recording attached to the report', () => {
    expect(leaking.code).toBe(1);
    const result = onlyResult(leaking);
    expect(result.status).toBe('failed');
    const message = result.errors.map((e) => e.message ?? '').join('\n');
    expect(message).toMatch(/expected no leak alerts, but the page has 3 active:/);
    expect(message).toMatch(/\[error\] outlived-canvas: 1 buffer, 1 texture, 256 KiB, created at route-app\.html:\d+:\d+/);
    const attached = result.attachments.find((a) => a.name === 'gpumem-trace.json')!;
    expect(attached.contentType).toBe('application/json');
    const trace = parseTraceText(Buffer.from(attached.body!, 'base64').toString('utf8'));
    expect(trace.alerts.filter((a) => a.rule === 'outlived-canvas' && a.resolvedAt === null)).toHaveLength(3);
    expect(trace.events.filter((e) => e.op === 'snapshot').map((e) => e.op === 'snapshot' && e.name)).toEqual(['after visit 1', 'after visit 2', 'after visit 3']);
  });

  it('gives a test snapshots, alerts, the trace and matchers that say what failed', () => {
    expect(matchers.stdout).toContain('1 passed');
    expect(matchers.code).toBe(0);
  });
});
