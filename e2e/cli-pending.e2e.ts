// `gpumem record` does not pass a leak whose grace runs out just after --duration: a three.js route change
// removes the canvas 3 s after load, so its outlived-canvas alert (5 s grace) is still pending at the
// default 5 s. By default the recording goes on until it is due and --fail-on-leak fails; with --no-settle
// the summary lists it as pending and --fail-on-leak still fails, unless --allow-pending. --json prints the
// summary as JSON; a .gz trace is gzipped.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaticServer } from '../src/cli/static-server';
import type { Trace } from '../src/model/model';
import { fixtureServer, gpumem, type GpumemRun } from './helpers';

const PROGRESS = /^recording \d+\.\d \/ \d+\.\d s · .* in \d+ live objects · \d+ alerts?(, \d+ pending)?$/;

describe('gpumem record and pending alerts', () => {
  let server: StaticServer;
  const dir = mkdtempSync(join(tmpdir(), 'gpumem-pending-'));
  let settled: GpumemRun;
  let unsettled: GpumemRun;
  let allowed: GpumemRun;
  let json: GpumemRun;

  beforeAll(async () => {
    server = await fixtureServer();
    const url = `${server.url}leaks/three-route.html?auto&after=3000`;
    [settled, unsettled, allowed, json] = await Promise.all([
      gpumem(['record', url, '--fail-on-leak', '--out', join(dir, 'settled.json')]),
      gpumem(['record', url, '--fail-on-leak', '--no-settle', '--out', join(dir, 'unsettled.json')]),
      gpumem(['record', url, '--fail-on-leak', '--no-settle', '--allow-pending', '--out', join(dir, 'allowed.json')]),
      gpumem(['record', url, '--no-settle', '--json', '--quiet', '--out', join(dir, 'json.json.gz')]),
    ]);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  it('records on until the pending alert is due, and fails on it, at the default duration', () => {
    expect(settled.stderr).toMatch(/^gpumem: 1 alert pending \(outlived-canvas\): recording \d+\.\d s more until due \(--no-settle stops at --duration\)$/m);
    expect(settled.stdout).toMatch(/\[error\] outlived-canvas: .*created at three-route\.html:\d+:\d+/);
    expect(settled.stdout).not.toContain('pending:');
    // Progress on stderr (not a terminal: a line every 5 s, and one when the alert turns pending).
    expect(settled.stderr).toMatch(/^recording \d+\.\d \/ \d+\.\d s · [\d.]+ [KM]iB in \d+ live objects · 0 alerts, 1 pending$/m);
    expect(settled.code).toBe(1);
    const trace = JSON.parse(readFileSync(join(dir, 'settled.json'), 'utf8')) as Trace;
    expect(trace.alerts.filter((a) => a.rule === 'outlived-canvas' && a.resolvedAt === null)).toHaveLength(1);
  });

  it('with --no-settle, lists it as pending and fails on it', () => {
    // Progress only: a line every 5 s on a log, and one when the alert turned pending.
    for (const l of unsettled.stderr.split('\n').filter((x) => x !== '')) expect(l).toMatch(PROGRESS);
    expect(unsettled.stdout).toMatch(/alerts: none active/);
    expect(unsettled.stdout).toContain('pending: 1 alert not due yet when the recording ended');
    expect(unsettled.stdout).toMatch(/\[error, pending\] outlived-canvas: .*, created at three-route\.html:\d+:\d+, still live \d+\.\d s after .* was removed from the page; due when 5\.0 s have passed/);
    expect(unsettled.code).toBe(1);
  });

  it('with --allow-pending, does not fail on it', () => {
    expect(allowed.stdout).toContain('[error, pending] outlived-canvas');
    expect(allowed.code).toBe(0);
  });

  it('prints the summary as JSON with --json (nothing else with --quiet), and gzips a .gz trace that gpumem reads back', async () => {
    expect(json.code).toBe(0);
    expect(json.stderr).toBe(`trace written to ${join(dir, 'json.json.gz')}\n`);
    const j = JSON.parse(json.stdout);
    expect(j.pending.map((p: { rule: string }) => p.rule)).toEqual(['outlived-canvas']);
    expect(j.alerts.filter((a: { resolvedAt: number | null }) => a.resolvedAt === null)).toEqual([]);
    expect(j.trace).toBe(join(dir, 'json.json.gz'));
    expect(j.totalBytes).toBeGreaterThan(0);
    const gz = readFileSync(join(dir, 'json.json.gz'));
    expect([gz[0], gz[1]]).toEqual([0x1f, 0x8b]);
    const back = await gpumem(['summary', join(dir, 'json.json.gz'), '--json']);
    expect(back.code).toBe(0);
    expect(JSON.parse(back.stdout).totalBytes).toBe(j.totalBytes);
  });
});
