// `gpumem record` as a CI gate beyond leaks: a page that throws or crashes fails with
// --fail-on-page-error; a --script clicks through a three.js app's routes and a growth budget catches the
// texture each visit leaks, while a page within its budget passes; SIGINT and a killed browser leave a
// valid trace of what was recorded and exit 3. Every run writes a trace that gpumem reads back.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTraceFile } from '../src/cli/read-trace';
import type { StaticServer } from '../src/cli/static-server';
import { fixtureServer, gpumem, type GpumemRun, ROOT, startGpumem } from './helpers';

const SCRIPTS = resolve(ROOT, 'e2e/fixtures/scripts');

/** Resolves once `path` exists (a checkpoint: the recording has run at least 5 s). */
async function fileAppears(path: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!existsSync(path)) {
    if (Date.now() > end) throw new Error(`${path} did not appear within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('gpumem record: page health, scripts, budgets', () => {
  let server: StaticServer;
  const dir = mkdtempSync(join(tmpdir(), 'gpumem-health-'));
  const out = (name: string): string => join(dir, name);
  let throwsFail: GpumemRun;
  let throwsPass: GpumemRun;
  let crash: GpumemRun;
  let routes: GpumemRun;
  let within: GpumemRun;
  let broken: GpumemRun;
  let worker: GpumemRun;

  beforeAll(async () => {
    server = await fixtureServer();
    writeFileSync(out('growth-budget.json'), JSON.stringify({ perKind: { 'webgl.texture': { count: 50 } }, growthPerSite: 0 }));
    writeFileSync(out('loose-budget.json'), JSON.stringify({ bytes: '1MiB', perKind: { 'webgl.texture': { bytes: '64 KiB', count: 10 } } }));
    [throwsFail, throwsPass, crash, routes, within, broken, worker] = await Promise.all([
      gpumem(['record', `${server.url}health/throws.html`, '--duration', '1', '--fail-on-page-error', '--out', out('throws.json')]),
      gpumem(['record', `${server.url}health/throws.html`, '--duration', '1', '--out', out('throws-pass.json')]),
      gpumem(['record', `${server.url}health/throws.html`, '--script', join(SCRIPTS, 'crash.mjs'), '--fail-on-page-error', '--out', out('crash.json')]),
      gpumem(['record', `${server.url}leaks/three-spa.html`, '--wait-for', 'body[data-route=gallery]', '--script', join(SCRIPTS, 'spa-routes.mjs'),
        '--budget', out('growth-budget.json'), '--out', out('routes.json')]),
      gpumem(['record', `${server.url}leaks/three-spa.html`, '--duration', '1', '--budget', out('loose-budget.json'), '--out', out('within.json')]),
      gpumem(['record', `${server.url}leaks/three-spa.html`, '--script', join(SCRIPTS, 'throws.mjs'), '--quiet', '--out', out('broken.json')]),
      gpumem(['record', `${server.url}health/worker.html`, '--duration', '1', '--fail-on-leak', '--quiet', '--out', out('worker.json')]),
    ]);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  it('fails a page that throws with --fail-on-page-error, naming the errors in the summary and the trace', () => {
    expect(throwsFail.stdout).toMatch(/^ {2}page errors: 2 uncaught$/m);
    // The page's own text, escapes made visible: the terminal does not obey it.
    expect(throwsFail.stdout).toMatch(/^ {4}at \d+\.\d s: TypeError: scene\.meshes is undefined \\x1b\[31mred$/m);
    expect(throwsFail.stdout).toMatch(/^ {4}at \d+\.\d s: Error: texture fetch failed$/m);
    expect(throwsFail.code).toBe(1);
    const page = readTraceFile(out('throws.json')).meta.page!;
    expect(page.errors.map((e) => e.message.split('\n')[0])).toEqual(['TypeError: scene.meshes is undefined \u001b[31mred', 'Error: texture fetch failed']);
    expect(page.errors[0]!.message).toMatch(/throws\.html:\d+:\d+/);
    expect(page.droppedErrors).toBe(0);
  });

  it('reports the errors but passes without --fail-on-page-error', () => {
    expect(throwsPass.stdout).toMatch(/page errors: 2 uncaught/);
    expect(throwsPass.code).toBe(0);
  });

  it('reports a crashed renderer, keeps what was recorded before it, and fails with --fail-on-page-error', () => {
    expect(crash.stdout).toMatch(/^ {2}page crashed at \d+\.\d s \(its renderer process died\)$/m);
    expect(crash.stdout).toMatch(/^ {2}webgl\.buffer +1 +1024 /m);
    expect(crash.code).toBe(1);
    expect(readTraceFile(out('crash.json')).meta.page!.crashedAt).toBeGreaterThan(0);
  });

  it('drives a three.js app through its routes with --script and fails the growth budget at the leaking site', () => {
    expect(routes.stdout).toMatch(/^budget .*growth-budget\.json: 1 over$/m);
    // Three visits leak three 64x64 RGBA textures (3 × 16 384 B), all at openDetail's initTexture line.
    expect(routes.stdout).toMatch(/^ {2}growth at openDetail \(.*three-spa\.html:22:\d+\) +0 B +48\.0 KiB +\+48\.0 KiB$/m);
    expect(routes.code).toBe(1);
    const t = readTraceFile(out('routes.json'));
    // The window's start, then the script's snapshot after each visit.
    expect(t.events.filter((e) => e.op === 'snapshot').map((e) => e.op === 'snapshot' && e.name)).toEqual(['recording start', 'Snapshot 2', 'Snapshot 3', 'Snapshot 4']);
    expect(t.meta.page).toEqual({ errors: [], droppedErrors: 0 });
  });

  it('passes a page within its budget', () => {
    expect(within.stdout).toMatch(/^budget .*loose-budget\.json: within it$/m);
    expect(within.code).toBe(0);
  });

  it('exits 2 with the stack of a script that throws, after writing the trace', () => {
    expect(broken.stderr).toMatch(/^gpumem: the script failed: Error: expected the detail route to show a price\n {4}at broken \(file:.*throws\.mjs:\d+:\d+\)$/m);
    expect(broken.stdout).toContain(`trace written to ${out('broken.json')}`);
    expect(broken.code).toBe(2);
    expect(readTraceFile(out('broken.json')).objects.length).toBeGreaterThan(0);
  });

  it('says on stderr that GPU memory in a worker is not recorded', () => {
    expect(worker.stdout).toMatch(/not instrumented: [12] workers? or canvases handed to workers/);
    expect(worker.stderr).toMatch(/^gpumem: [12] workers? or canvases handed to workers: their GPU memory, and any leak in it, is not recorded$/m);
    expect(worker.code).toBe(0);
  });

  it('refuses a script without a default export, and a budget with a wrong kind, before a browser starts', async () => {
    writeFileSync(out('no-default.mjs'), 'export const routes = 1;\n');
    writeFileSync(out('typo-budget.json'), JSON.stringify({ perKind: { 'webgl.txture': { count: 1 } } }));
    const [s, b, j] = await Promise.all([
      gpumem(['record', `${server.url}scene.html`, '--script', out('no-default.mjs')]),
      gpumem(['record', `${server.url}scene.html`, '--budget', out('typo-budget.json')]),
      gpumem(['record', `${server.url}scene.html`, '--budget', out('no-default.mjs')]),
    ]);
    expect(s.stderr).toMatch(/--script .*no-default\.mjs: its default export must be a function/);
    expect(b.stderr).toMatch(/--budget .*typo-budget\.json: perKind\.webgl\.txture: not a kind/);
    expect(j.stderr).toMatch(/--budget .*no-default\.mjs: not JSON/);
    expect([s.code, b.code, j.code]).toEqual([2, 2, 2]);
  });

  it('on SIGINT, and when the browser is killed, writes what was recorded and exits 3', async () => {
    const url = `${server.url}leaks/growth.html?leak`;
    const sig = startGpumem(['record', url, '--duration', '60', '--out', out('sigint.json.gz')]);
    const kill = startGpumem(['record', url, '--duration', '60', '--out', out('killed.json')]);
    // A checkpoint is written 5 s in: past it, both recordings hold a few dozen buffers.
    await Promise.all([fileAppears(out('sigint.json.gz.checkpoint.gz')), fileAppears(out('killed.json.checkpoint'))]);
    sig.child.kill('SIGINT');
    const browser = execFileSync('pgrep', ['-P', String(kill.child.pid), '-f', 'chrom'], { encoding: 'utf8' }).trim().split('\n')[0]!;
    process.kill(Number(browser), 'SIGKILL');
    const [s, k] = await Promise.all([sig.done, kill.done]);

    expect(s.stderr).toMatch(/^gpumem: SIGINT: stopping the recording and writing what it holds/m);
    expect(s.stdout).toMatch(/^ {2}recording interrupted: stopped by SIGINT, \d+\.\d s into the recording$/m);
    expect(s.stdout).toContain('(what was recorded until the interruption)');
    expect(s.code).toBe(3);
    const st = readTraceFile(out('sigint.json.gz'));
    expect(st.meta.page!.interrupted).toMatch(/^stopped by SIGINT/);
    expect(st.objects.filter((o) => o.kind === 'webgl.buffer').length).toBeGreaterThan(20);
    expect(existsSync(out('sigint.json.gz.checkpoint.gz'))).toBe(false);

    expect(k.stdout).toMatch(/recording interrupted: the browser exited during the recording: this trace ends at its last checkpoint, \d+\.\d s into it/);
    expect(k.code).toBe(3);
    const kt = readTraceFile(out('killed.json'));
    expect(kt.objects.filter((o) => o.kind === 'webgl.buffer').length).toBeGreaterThan(20);
    expect(existsSync(out('killed.json.checkpoint'))).toBe(false);
  }, 90_000);
});
