// `gpumem record` on the fixture page: the same numbers as the panel, a trace that validates against the
// schema, and exit code 2 with a clear message for each kind of bad start. --fail-on-leak: cli-leaks.e2e.ts.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaticServer } from '../src/cli/static-server';
import type { Trace } from '../src/model/model';
import { fixtureServer, gpumem, ROOT, SCENE_EXPECTED, SCENE_TOTAL } from './helpers';

describe('gpumem record', () => {
  let server: StaticServer;
  const dir = mkdtempSync(join(tmpdir(), 'gpumem-cli-'));
  beforeAll(async () => {
    server = await fixtureServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('records the fixture page, prints the summary and writes a valid trace', async () => {
    const out = join(dir, 'scene.json');
    const r = await gpumem(['record', `${server.url}scene.html`, '--duration', '1', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/webgl\.buffer\s+5\s+2472/);
    expect(r.stdout).toMatch(/webgl\.texture\s+6\s+33124/);
    expect(r.stdout).toMatch(/alerts: none/);
    const trace = JSON.parse(readFileSync(out, 'utf8')) as Trace;
    const schema = JSON.parse(readFileSync(resolve(ROOT, 'docs/trace.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, validateFormats: false }).compile(schema);
    expect(validate(trace), JSON.stringify(validate.errors)).toBe(true);
    // The buffer (4096 B) and texture deleted in the task that made them are reported as churn.
    expect(trace.summary).toEqual({
      live: SCENE_EXPECTED,
      totalBytes: SCENE_TOTAL,
      churned: { 'webgl.buffer': { count: 1, bytes: 4096 }, 'webgl.texture': { count: 1, bytes: 0 } },
    });
    expect(trace.meta.url).toBe(`${server.url}scene.html`);
    expect(Number.isNaN(Date.parse(trace.meta.startedAt))).toBe(false);
    expect(trace.meta.frames.map((f) => f.url).sort()).toEqual([`${server.url}child.html`, `${server.url}scene.html`]);
    // Every object that lived past its task: the 14 live ones.
    expect(trace.objects).toHaveLength(14);
    expect(trace.events.filter((e) => e.op === 'churn').map((e) => (e as { kind: string }).kind).sort()).toEqual(['webgl.buffer', 'webgl.texture']);
    // Each document's events are in time order (documents' batches interleave as they arrive), and the
    // summary is reproducible from them.
    const byRealm = new Map<string, number[]>();
    for (const e of trace.events) {
      const realm = /[0-9a-f]{12}/.exec(JSON.stringify(e))?.[0] ?? '';
      byRealm.set(realm, [...(byRealm.get(realm) ?? []), e.t]);
    }
    expect(byRealm.size).toBe(2);
    for (const times of byRealm.values()) expect(times).toEqual([...times].sort((a, b) => a - b));
    const bytes = new Map<string, number>();
    for (const e of trace.events) {
      if (e.op === 'size') bytes.set(e.id, e.bytes);
      if (e.op === 'release') bytes.delete(e.id);
    }
    expect([...bytes.values()].reduce((a, b) => a + b, 0)).toBe(SCENE_TOTAL);
  });

  it('exits 2 with usage on bad arguments', async () => {
    const r = await gpumem(['record']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/record takes exactly one <url>/);
    expect(r.stderr).toMatch(/usage: gpumem record/);
  });

  it('answers --version and each command\'s --help, and checks --out before a browser starts', async () => {
    const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version: string };
    const v = await gpumem(['--version']);
    expect(v).toMatchObject({ code: 0, stdout: `gpumem ${pkg.version}\n` });
    const h = await gpumem(['record', '--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/--fail-on-leak[\s\S]*exit codes:/);
    // No browser at this path: the --out error must come first, so the command never reached the browser.
    const o = await gpumem(['record', `${server.url}scene.html`, `--out=${dir}`, '--browser=/nonexistent/chrome']);
    expect(o.code).toBe(2);
    expect(o.stderr).toMatch(/--out .*: .* is a directory/);
    expect(o.stderr).not.toMatch(/nonexistent/);
  });

  it('exits 2 naming --browser and CHROME_PATH when there is no browser', async () => {
    const r1 = await gpumem(['record', `${server.url}scene.html`, '--browser', '/nonexistent/chrome']);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/--browser \/nonexistent\/chrome: no executable there/);
    const r2 = await gpumem(['record', `${server.url}scene.html`], { env: { ...process.env, CHROME_PATH: '/nonexistent/chrome' } });
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/CHROME_PATH=\/nonexistent\/chrome/);
  });

  it('exits 2 when the page does not load, with a trace and a summary that say why', async () => {
    const r1 = await gpumem(['record', `${server.url}missing.html`, '--duration', '0', '--out', join(dir, 'missing.json')]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/^gpumem: the page did not load: .*missing\.html answered HTTP 404$/m);
    expect(r1.stdout).toMatch(/^ {2}page did not load: .*missing\.html answered HTTP 404$/m);
    expect(JSON.parse(readFileSync(join(dir, 'missing.json'), 'utf8')).meta.page.loadError).toMatch(/answered HTTP 404$/);
    const closed = await fixtureServer();
    const deadUrl = closed.url;
    await closed.close();
    const r2 = await gpumem(['record', deadUrl, '--duration', '0', '--out', join(dir, 'dead.json')]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/did not load: .*ERR_CONNECTION_REFUSED/);
  });
});
