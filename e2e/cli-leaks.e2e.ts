// `gpumem record --fail-on-leak` on every scenario of the leak catalogue (P1-P6) and on the healthy scenes:
// exit 1 with the alert in the summary and the trace for each leak, exit 0 and no alert for each healthy
// page. Each recording is a fresh headless Chromium for a fixed --duration; the durations are several times
// what the extension's own e2e (leaks.e2e.ts) took to see each alert in CI, and the trace's ticks show that
// the page ran for the whole recording.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaticServer } from '../src/cli/static-server';
import type { Trace, TraceAlert } from '../src/model/model';
import { fixtureServer, gpumem, siteOf } from './helpers';

interface Recording {
  code: number;
  stdout: string;
  stderr: string;
  trace: Trace | null;
}

interface Scenario {
  name: string;
  /** Page and query under leaks/. */
  page: string;
  durationS: number;
  /** The page runs gc() itself (?auto): Chromium must expose it. */
  gc?: boolean;
  /** Leaking scenarios: checks on the active warnings and errors (at least one), the trace and the summary. */
  leak?: (alerts: TraceAlert[], t: Trace, stdout: string) => void;
  /** Healthy scenarios with info notes the build must not fail on (release-after-loss). */
  notes?: (alerts: TraceAlert[]) => void;
}

const warnings = (t: Trace): TraceAlert[] => t.alerts.filter((a) => a.resolvedAt === null && a.severity !== 'info');

/**
 * The one active alert of `rule` at `site`. Every other active warning is at that site too, or else a
 * steady growth of the bind groups the page makes with each leaked object: the page drops them for the GC,
 * which may not run at all in a recording of a page that allocates so little (no bind group was collected
 * in 25 s of per-frame-gpu.html; with gc() every second, they and the textures were), so they are live
 * and rising like what they hold.
 */
function only(alerts: TraceAlert[], rule: string, site: string, t?: Trace): TraceAlert {
  for (const a of alerts) {
    if (a.site.includes(site)) continue;
    expect(t && a.rule === 'steady-growth' && kindsOf(t, a), `${a.rule}: ${a.message}`).toEqual(['webgpu.bindGroup']);
  }
  const mine = alerts.filter((a) => a.rule === rule && a.site.includes(site));
  expect(mine).toHaveLength(1);
  return mine[0]!;
}

function kindsOf(t: Trace, a: TraceAlert): string[] {
  return [...new Set(t.objects.filter((o) => a.objects.includes(o.id)).map((o) => o.kind))];
}

/** P3: objects of `bytes` each, made every frame at `site` and never used after it: an outlived-frame alert. */
function frameLeak(name: string, page: string, site: string, bytes: number): Scenario {
  return {
    name,
    page,
    durationS: 10,
    leak: (alerts, t) => {
      const a = only(alerts, 'outlived-frame', siteOf(site), t);
      expect(a.count).toBeGreaterThanOrEqual(3);
      expect(a.bytes).toBe(bytes * a.count);
    },
  };
}

const SCENARIOS: Scenario[] = [
  {
    name: 'P6: a route change drops a canvas without dispose',
    page: 'route.html?auto',
    durationS: 8,
    leak: (alerts, _t, stdout) => {
      expect(alerts.map((a) => [a.rule, a.severity, a.count, a.bytes])).toEqual([['outlived-canvas', 'error', 4, 3 * 16384 + 4096]]);
      expect(alerts[0]!.site).toContain(siteOf('scene-texture'));
      expect(stdout).toMatch(/alerts: 1 active\n\s+\[error\] outlived-canvas: 3 textures, 1 buffer, 52\.0 KiB, created at app\.js:\d+:\d+ \(\d+% of the bytes; \d+ sites\), outlived canvas#scene/);
    },
  },
  {
    name: 'P6 with three.js: a route change without dispose()',
    page: 'three-route.html?auto',
    durationS: 8,
    leak: (alerts, t) => {
      const live = t.objects.filter((o) => o.releasedAt === null && o.kind !== 'webgl.drawingBuffer');
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({ rule: 'outlived-canvas', severity: 'error', count: live.length, bytes: live.reduce((n, o) => n + o.bytes, 0) });
      expect(alerts[0]!.site).toMatch(/three-route\.html\?auto:\d+:\d+\)?$/);
    },
  },
  {
    name: 'P1: WebGL and WebGPU objects left to the GC',
    page: 'gc.html?auto',
    durationS: 8,
    gc: true,
    leak: (alerts) => {
      const tex = only(alerts.filter((a) => a.site.includes(siteOf('dropped-texture'))), 'collected-undeleted', siteOf('dropped-texture'));
      const gpu = only(alerts.filter((a) => a.site.includes(siteOf('dropped-gpu-buffer'))), 'collected-undeleted', siteOf('dropped-gpu-buffer'));
      expect([tex.count, tex.bytes, gpu.count, gpu.bytes]).toEqual([1, 1024, 2, 131072]);
      expect(alerts).toHaveLength(2);
    },
  },
  {
    name: 'P4: per-call temporary buffers',
    page: 'growth.html?leak',
    durationS: 20,
    leak: (alerts) => {
      // Its 100 ms timer loop's buffers also outlive their frames: outlived-frame may name the same site.
      const a = only(alerts, 'steady-growth', siteOf('temp-buffer'));
      expect(a.count).toBeGreaterThanOrEqual(8);
      expect(a.bytes).toBe(1024 * a.count);
    },
  },
  {
    name: 'P4 in bytes: one buffer re-specified larger and larger',
    page: 'growth.html?grow',
    durationS: 20,
    leak: (alerts) => {
      const a = only(alerts, 'steady-growth', siteOf('grow-buffer'));
      expect(a.count).toBe(1);
      expect(a.bytes % 65536).toBe(0);
      expect(a.bytes).toBeGreaterThan(1024 * 1024);
    },
  },
  frameLeak('P3: a texture re-created every frame of requestAnimationFrame', 'per-frame.html', 'frame-texture', 1024),
  frameLeak('P3: a texture re-created every frame of a 16 ms timer loop', 'per-frame.html?timer', 'frame-texture', 1024),
  frameLeak('P3 in WebGPU: a texture re-created every frame', 'per-frame-gpu.html', 'gpu-frame-texture', 1024),
  frameLeak('P3 in compute-only WebGPU: an input buffer per dispatch', 'compute.html', 'gpu-dispatch-input', 256),
  {
    name: 'a getCurrentTexture() result used five frames later',
    page: 'late-texture.html',
    durationS: 8,
    leak: (alerts) => {
      const a = only(alerts, 'outlived-frame', siteOf('clear-view'));
      expect(a.count).toBe(1);
    },
  },
  { name: 'P6 healthy: the route change after dispose', page: 'route.html?auto&dispose', durationS: 8 },
  { name: 'P6 healthy with three.js: dispose() as documented', page: 'three-route.html?auto&dispose', durationS: 8 },
  { name: 'P5: a pool released whole every ten textures', page: 'growth.html?sawtooth', durationS: 20 },
  { name: 'P5 with the GC: bind groups left to the collector', page: 'gc-sawtooth.html?auto', durationS: 16, gc: true },
  { name: 'objects used after their frame only through persistent state', page: 'healthy-frames.html', durationS: 10 },
  { name: 'a WebGPU app whose startup spreads its placeholders over tasks', page: 'async-start.html?delay=400', durationS: 8 },
  ...['three', 'babylon', 'pixi', 'three-webgpu'].map((lib) => ({ name: `healthy ${lib} app`, page: `healthy-${lib}.html`, durationS: 15 })),
  {
    name: 'P2: cleanup after a context loss (info notes, which never fail a build)',
    page: 'loss.html',
    durationS: 5,
    notes: (alerts) => {
      expect(alerts.map((a) => [a.rule, a.severity, a.count, a.bytes]).sort()).toEqual([
        ['release-after-loss', 'info', 1, 256],
        ['release-after-loss', 'info', 2, 128],
      ]);
    },
  },
];

/** Recordings run two at a time: each is a browser with software rendering, on a two-core machine. */
const PARALLEL = 2;
let free = PARALLEL;
const queued: (() => void)[] = [];

/** Runs `f` when fewer than PARALLEL runs are under way, first come first served. */
async function limited<T>(f: () => Promise<T>): Promise<T> {
  if (free > 0) free--;
  else await new Promise<void>((go) => queued.push(go));
  try {
    return await f();
  } finally {
    const next = queued.shift();
    if (next) next();
    else free++;
  }
}

describe('gpumem record --fail-on-leak on the leak catalogue', () => {
  let server: StaticServer;
  const dir = mkdtempSync(join(tmpdir(), 'gpumem-cli-leaks-'));
  const runs = new Map<string, Promise<Recording>>();

  function record(s: Scenario, i: number): Promise<Recording> {
    const out = join(dir, `${i}.json`);
    const args = ['record', `${server.url}leaks/${s.page}`, '--duration', String(s.durationS), '--out', out, '--fail-on-leak'];
    if (s.gc) args.push('--browser-arg', '--js-flags=--expose-gc');
    return gpumem(args, { timeoutMs: (s.durationS + 90) * 1000 }).then(({ code, stdout, stderr }) => {
      let trace: Trace | null = null;
      try {
        trace = JSON.parse(readFileSync(out, 'utf8')) as Trace;
      } catch {
        // No trace: the exit code and stderr say why.
      }
      return { code, stdout, stderr, trace };
    });
  }

  beforeAll(async () => {
    server = await fixtureServer();
    // Every recording starts now, PARALLEL at a time in the order of the tests, so that each test waits
    // only for its own.
    for (const [i, s] of SCENARIOS.entries()) runs.set(s.name, limited(() => record(s, i)));
  });
  afterAll(async () => {
    await Promise.allSettled(runs.values());
    await server?.close();
  });

  for (const s of SCENARIOS) {
    it(`${s.leak ? 'exits 1' : 'exits 0'}: ${s.name}`, async () => {
      const r = await runs.get(s.name)!;
      // Besides the progress lines (every 5 s on a log): a leak may still be pending at --duration (the
      // recording then goes on until it is due, and says so); a healthy page never has one pending.
      const said = r.stderr.split('\n').filter((l) => l !== '' && !/^recording \d+\.\d \/ \d+\.\d s · .* live objects · \d+ alerts?/.test(l));
      if (s.leak) for (const l of said) expect(l).toMatch(/^gpumem: \d+ alerts? pending \([a-z, -]+\): recording \d+\.\d s more until due \(--no-settle stops at --duration\)$/);
      else expect(said).toEqual([]);
      const t = r.trace!;
      expect(t).not.toBeNull();
      // The page ran for the recording: the agent's once-a-second ticks reach its last seconds.
      const start = t.events[0]!.t;
      expect(t.events.some((e) => e.op === 'tick' && e.t >= start + (s.durationS - 3) * 1000)).toBe(true);
      expect(t.meta.agentErrors).toBe(0);
      // The summary lists every active alert, as the trace has it.
      const active = t.alerts.filter((a) => a.resolvedAt === null);
      for (const a of active) expect(r.stdout).toContain(`[${a.severity}] ${a.rule}: ${a.message}`);
      if (s.leak) {
        expect(r.code).toBe(1);
        expect(r.stdout).toMatch(new RegExp(`alerts: ${active.length} active`));
        expect(warnings(t).length).toBeGreaterThan(0);
        s.leak(warnings(t), t, r.stdout);
      } else {
        expect(r.code).toBe(0);
        expect(warnings(t)).toEqual([]);
        if (s.notes) s.notes(active);
        else expect(t.alerts).toEqual([]);
      }
    }, 300_000);
  }
});
