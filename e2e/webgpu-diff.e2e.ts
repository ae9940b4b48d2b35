// The WebGPU differential suite: every scene of e2e/fixtures/webgpu/scenes.js runs in Chromium with the
// extension and, in a second Chromium without it, with webgpu-memory loaded by the page as the oracle. Every
// per-kind total must equal webgpu-memory's, except the cases in KNOWN_DIFFERENCES, where webgpu-memory is
// wrong (docs/webgpu-sizes.md gives the reasoning) and the hand-computed value is asserted instead.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Kind, KindTotals } from '../src/model/model';
import { exportTrace, pageResult, ROOT, tabOf, useBrowser, usePlainBrowser, waitFor } from './helpers';

const SCENES = [...readFileSync(resolve(ROOT, 'e2e/fixtures/webgpu/scenes.js'), 'utf8').matchAll(/^ {2}async '([a-z0-9-]+)'\(\)/gm)].map(
  (m) => m[1]!,
);

/** Our kinds and where webgpu-memory reports the same (memory key for bytes, resources keys for counts). */
const KIND_MAP: [Kind, string | null, string[]][] = [
  ['webgpu.buffer', 'buffer', ['buffer']],
  ['webgpu.texture', 'texture', ['texture']],
  ['webgpu.canvasTexture', 'canvas', ['canvas']],
  ['webgpu.querySet', 'querySet', ['querySet']],
  ['webgpu.device', null, ['device', 'devices']],
  ['webgpu.sampler', null, ['sampler']],
  ['webgpu.bindGroup', null, ['bindGroup']],
  ['webgpu.bindGroupLayout', null, ['bindGroupLayout']],
  ['webgpu.pipelineLayout', null, ['pipelineLayout']],
  ['webgpu.shaderModule', null, ['shaderModule']],
  ['webgpu.renderPipeline', null, ['renderPipeline']],
  ['webgpu.computePipeline', null, ['computePipeline']],
];

type Expect = Partial<Record<Kind, Partial<KindTotals>>>;

const KNOWN_DIFFERENCES: Record<string, { why: string; expect: Expect }> = {
  'textures-msaa': {
    why: 'sampleCount multiplies the texel count once: 64 x 32 x 4 B x 4 samples = 32768 B; webgpu-memory multiplies width and height each by 4 (131072 B)',
    expect: { 'webgpu.texture': { count: 1, bytes: 32_768 } },
  },
  'textures-depth32float-stencil8': {
    why:
      'the spec leaves the size to the implementation; D3D12 (D32_FLOAT_S8X24_UINT), Metal (depth32Float_stencil8) and ' +
      'common Vulkan drivers store 64 bits per texel: 10 x 10 x 8 = 800 B; webgpu-memory adds the aspects (5 B)',
    expect: { 'webgpu.texture': { count: 1, bytes: 800 } },
  },
  'invalid-objects': {
    why:
      'objects that fail validation hold no memory: one valid 32 B buffer; the over-limit buffer, the usage-less buffer and ' +
      'the two invalid textures count as objects with 0 B; webgpu-memory adds their descriptor sizes',
    expect: { 'webgpu.buffer': { count: 3, bytes: 32 }, 'webgpu.texture': { count: 2, bytes: 0 } },
  },
};

interface OracleInfo {
  memory: Record<string, number>;
  resources: Record<string, number | undefined>;
}

describe('WebGPU accounting equals webgpu-memory on the differential corpus', () => {
  const env = useBrowser();
  const oracle = usePlainBrowser();

  it('has at least 20 scenes', () => {
    expect(SCENES.length).toBeGreaterThanOrEqual(20);
  });


  it.each(SCENES)('%s', async (scene) => {
    const url = `${env.server.url}webgpu/diff.html?scene=${scene}`;
    const page = await env.h.context.newPage();
    await page.goto(url);
    await page.waitForFunction('window.__done !== undefined', null, { timeout: 30_000 });
    const done = (await page.evaluate('window.__done')) as { errors: string[]; error?: string };
    expect(done.error).toBeUndefined();
    expect(done.errors).toEqual([]);
    const tabId = await tabOf(env.h, url);
    const ours = (await waitFor(() => exportTrace(env.h, tabId), (t) => t.events.length > 0, `the trace of ${scene}`)).summary.live;
    await page.close();

    const orc = await pageResult<{ wgm?: OracleInfo | null; errors?: string[]; error?: string }>(oracle.context, `${url}&tool=webgpu-memory`);
    expect(orc.error).toBeUndefined();
    expect(orc.errors).toEqual([]);
    const wgm = orc.wgm!;
    const known = KNOWN_DIFFERENCES[scene];
    const got = (k: Kind): KindTotals => ({ count: ours[k]?.count ?? 0, bytes: ours[k]?.bytes ?? 0 });
    const theirs = (memKey: string | null, resKeys: string[]) => ({
      bytes: memKey ? (wgm.memory[memKey] ?? 0) : undefined,
      count: resKeys.map((k) => wgm.resources[k]).find((v) => v !== undefined) ?? 0,
    });
    if (known) {
      const differs = KIND_MAP.some(([kind, memKey, resKeys]) => {
        const hand = known.expect[kind];
        const t = theirs(memKey, resKeys);
        return !!hand && ((hand.bytes !== undefined && t.bytes !== undefined && hand.bytes !== t.bytes) || (hand.count !== undefined && hand.count !== t.count));
      });
      expect(differs, `webgpu-memory agrees on ${scene}: ${JSON.stringify(wgm)}`).toBe(true);
    }
    for (const [kind, memKey, resKeys] of KIND_MAP) {
      const hand = known?.expect[kind];
      if (hand) {
        if (hand.count !== undefined) expect(got(kind).count, `${kind} count (${known!.why})`).toBe(hand.count);
        if (hand.bytes !== undefined) expect(got(kind).bytes, `${kind} bytes (${known!.why})`).toBe(hand.bytes);
        continue;
      }
      const t = theirs(memKey, resKeys);
      if (t.bytes !== undefined) expect(got(kind).bytes, `${kind} bytes vs webgpu-memory ${JSON.stringify(wgm)}`).toBe(t.bytes);
      expect(got(kind).count, `${kind} count vs webgpu-memory ${JSON.stringify(wgm.resources)}`).toBe(t.count);
    }
  });
});
