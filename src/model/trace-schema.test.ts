// docs/trace.schema.json is written from trace-schema.ts: `UPDATE_SCHEMA=1 npx vitest run
// src/model/trace-schema.test.ts` writes it again after a change to the schema.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { KIND_CODE, KINDS, RULES } from './kinds';
import { Op } from './protocol';
import { SessionStore } from './session-store';
import { traceSchemaJson } from './trace-schema';
import { upgradeTrace } from './trace-upgrade';

const FILE = resolve(import.meta.dirname, '../../docs/trace.schema.json');
if (process.env.UPDATE_SCHEMA === '1') writeFileSync(FILE, traceSchemaJson());
const text = readFileSync(FILE, 'utf8');
const schema = JSON.parse(text);
const validate = new Ajv({ allErrors: true, validateFormats: false }).compile(schema);

function sampleTrace() {
  const s = new SessionStore();
  s.applyBatch({
    v: 5, realm: 'abcdefabcdef', seq: 1, origin: 5000, strings: ['webgpu', 'device 1', 'albedo', 'webgl2', 'canvas#c', 'at f (http://x/a.js:1:2)'],
    ops: [
      Op.Time, 0, Op.Context, 1, 1, 2, 0, Op.Time, 1, Op.Create, 2, KIND_CODE['webgpu.texture'], 1, 0, Op.Size, 2, 64,
      Op.Label, 2, 3, Op.Time, 2, Op.Release, 2, 0, Op.Create, 3, KIND_CODE['webgpu.buffer'], 1, 0, Op.Cascade, 1, 3,
      Op.ContextLost, 1, Op.ContextRestored, 1,
      // A WebGL context whose canvas leaves the page with a texture alive; a buffer the GC takes.
      Op.Context, 4, 4, 5, 0, Op.Create, 5, KIND_CODE['webgl.texture'], 4, 6, Op.Size, 5, 4096,
      Op.Create, 6, KIND_CODE['webgl.buffer'], 4, 6, Op.Release, 6, 1,
      Op.Time, 100, Op.Canvas, 4, 1, Op.Time, 6000, Op.Tick,
      // Three textures unused since their frames (7, 8, 9), one used after all; a late current texture.
      Op.Context, 7, 1, 2, 0, Op.Create, 8, KIND_CODE['webgpu.texture'], 7, 6, Op.Create, 9, KIND_CODE['webgpu.texture'], 7, 6,
      Op.Create, 10, KIND_CODE['webgpu.texture'], 7, 6, Op.Create, 11, KIND_CODE['webgpu.canvasTexture'], 7, 0,
      Op.Unused, 8, 7, 120, Op.Unused, 9, 8, 120, Op.Unused, 10, 9, 120, Op.Used, 10, Op.Unused, 10, 9, 130,
      Op.LateTexture, 11, 2, 6,
    ],
  }, { frameId: 0, url: 'http://x/' });
  return s.toTrace({ userAgent: 'ua', tool: 'test' });
}

describe('docs/trace.schema.json', () => {
  it('is the schema the trace types come from, written out', () => {
    expect(text).toBe(traceSchemaJson());
  });
  it('names exactly the kinds and rules of the vocabulary', () => {
    expect(schema.properties.objects.items.properties.kind.enum).toEqual([...KINDS]);
    expect(schema.properties.alerts.items.properties.rule.enum).toEqual([...RULES]);
  });
  it('accepts a version 1 trace once upgraded', () => {
    const v2 = sampleTrace();
    const v1 = {
      ...v2,
      version: 1 as const,
      events: v2.events.map((e) =>
        e.op === 'late-texture' ? { t: e.t, op: e.op, id: e.id, frames: e.animationFrames }
          : e.op === 'unused' ? { t: e.t, op: e.op, id: e.id, frame: e.animationFrame, frames: e.animationFrames }
            : e,
      ),
    };
    expect(validate(v1)).toBe(false);
    expect(validate(upgradeTrace(v1))).toBe(true);
  });
  it('accepts a trace made by the store, alerts included', () => {
    const trace = sampleTrace();
    expect(trace.alerts.map((a) => a.rule).sort()).toEqual(['collected-undeleted', 'outlived-canvas', 'outlived-frame', 'outlived-frame']);
    const ok = validate(trace);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });
  it('rejects a trace with a bad kind, a negative size or a missing summary', () => {
    const t1 = sampleTrace() as unknown as { objects: { kind: string }[] };
    t1.objects[0]!.kind = 'webgl.teapot';
    expect(validate(t1)).toBe(false);
    const t2 = sampleTrace() as unknown as { events: { bytes?: number }[] };
    t2.events.find((e) => e.bytes !== undefined)!.bytes = -1;
    expect(validate(t2)).toBe(false);
    const t3 = sampleTrace() as Partial<ReturnType<typeof sampleTrace>>;
    delete t3.summary;
    expect(validate(t3)).toBe(false);
  });
});
