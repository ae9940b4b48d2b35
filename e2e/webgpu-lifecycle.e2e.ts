// WebGPU lifecycles in a real browser: labels followed as they change, objects the page drops left to the
// garbage collector (reported as collected, and collectable with the extension on), dedicated workers
// reported as not instrumented, and hooks that leave errors and promises to the page.
import { describe, expect, it } from 'vitest';
import { exportTrace, tabOf, useBrowser, waitFor } from './helpers';

describe('WebGPU lifecycle', () => {
  const env = useBrowser(['--js-flags=--expose-gc']);

  async function open(name: string) {
    const url = `${env.server.url}webgpu/lifecycle.html?${name}`;
    const page = await env.h.context.newPage();
    await page.goto(url);
    expect(await page.evaluate('window.getDevice()')).toBe(true);
    return { page, url };
  }

  it('shows and exports labels, following later changes', async () => {
    const { page, url } = await open('labels');
    await page.evaluate('window.labels()');
    // A later task renames the texture.
    await page.evaluate("window.keep[1].label = 'albedo (resized)'");
    const tabId = await tabOf(env.h, url);
    const t = await waitFor(() => exportTrace(env.h, tabId), (x) => x.objects.some((o) => o.label === 'albedo (resized)'), 'the new label');
    const labels = Object.fromEntries(t.objects.map((o) => [o.kind, o.label]));
    expect(labels).toMatchObject({ 'webgpu.device': 'main device', 'webgpu.buffer': 'vertices', 'webgpu.texture': 'albedo (resized)' });
    expect(t.events.filter((e) => e.op === 'label').map((e) => (e as { label: string }).label)).toEqual(['main device', 'vertices', 'albedo', 'albedo (resized)']);
    // The panel shows labels as text (a label is page data: never HTML).
    await page.evaluate("window.keep[0].label = '<b>vertices</b>'");
    const panel = await env.h.context.newPage();
    await panel.goto(`chrome-extension://${env.h.extensionId}/panels/gpu-memory/index.html?tabId=${tabId}`);
    await panel.waitForFunction(() => [...document.querySelectorAll('[data-testid=label]')].some((td) => td.textContent === '<b>vertices</b>'));
    expect(await panel.locator('[data-testid=objects] b').count()).toBe(0);
    await panel.close();
    await page.close();
  });

  it('reports objects collected without destroy(), with kind, size and label; the page can still drop them', async () => {
    const { page, url } = await open('gc');
    await page.evaluate('window.drop()');
    const tabId = await tabOf(env.h, url);
    await waitFor(() => exportTrace(env.h, tabId), (x) => x.summary.live['webgpu.buffer']?.count === 2, 'both buffers');
    // The tool holds page objects weakly: a full GC takes the dropped ones with the extension on.
    const t = await waitFor(
      async () => {
        await page.evaluate('gc()');
        return exportTrace(env.h, tabId);
      },
      (x) => x.objects.filter((o) => o.releaseReason === 'collected').length >= 4,
      'the dropped objects collected',
    );
    const collected = Object.fromEntries(t.objects.filter((o) => o.releaseReason === 'collected').map((o) => [o.label, { kind: o.kind, bytes: o.peakBytes }]));
    expect(collected).toMatchObject({
      'dropped buffer': { kind: 'webgpu.buffer', bytes: 4096 },
      'dropped texture': { kind: 'webgpu.texture', bytes: 256 },
      'dropped queries': { kind: 'webgpu.querySet', bytes: 128 },
      'dropped sampler': { kind: 'webgpu.sampler', bytes: 0 },
    });
    expect(t.summary.live['webgpu.buffer']).toEqual({ count: 1, bytes: 8 });
    await page.close();
  });

  it('device.destroy() frees every child at once, and the trace marks a later destroy() as a no-op', async () => {
    const { page, url } = await open('destroy');
    expect(await page.evaluate('window.destroyDevice()')).toBe(true);
    const tabId = await tabOf(env.h, url);
    const t = await waitFor(() => exportTrace(env.h, tabId), (x) => x.events.some((e) => e.op === 'cascade'), 'the cascade');
    const doomed = t.objects.find((o) => o.label === 'doomed')!;
    const children = t.objects.filter((o) => o.context === doomed.context);
    expect(children.map((o) => o.kind).sort()).toEqual(['webgpu.buffer', 'webgpu.device', 'webgpu.texture']);
    for (const o of children) expect(o.releaseReason).toBe('device-destroyed');
    // Released by the cascade, then the page's destroy() of the buffer: kept in the trace, changing nothing.
    const buffer = children.find((o) => o.kind === 'webgpu.buffer')!;
    const ops = t.events.filter((e) => 'id' in e && (e.id === buffer.id || e.id === doomed.context)).map((e) => e.op);
    expect(ops).toEqual(['context', 'create', 'size', 'label', 'shape', 'cascade', 'release']);
    expect(t.contexts.find((c) => c.id === doomed.context)?.lostAt).toEqual(expect.any(Number));
    await page.close();
  });

  it('says that a dedicated worker is not instrumented, in the trace and in the panel', async () => {
    const { page, url } = await open('worker');
    expect(await page.evaluate('window.worker()')).toBe('object');
    const tabId = await tabOf(env.h, url);
    const t = await waitFor(() => exportTrace(env.h, tabId), (x) => x.contexts.some((c) => c.worker === true), 'the worker notice');
    expect(t.contexts.find((c) => c.worker)).toMatchObject({ api: 'worker', canvas: expect.stringMatching(/^blob:/) });
    const panel = await env.h.context.newPage();
    await panel.goto(`chrome-extension://${env.h.extensionId}/panels/gpu-memory/index.html?tabId=${tabId}`);
    const note = panel.locator('[data-testid=notices] li[data-kind=worker]');
    await note.waitFor();
    expect(await note.textContent()).toContain('not instrumented');
    await panel.close();
    await page.close();
  });

  it('leaves validation errors, exceptions and rejected promises to the page', async () => {
    const { page } = await open('transparency');
    // A string, so that no WebGPU types are needed here and vitest leaves the page code alone.
    const r = await page.evaluate(`(async () => {
      const dev = window.dev;
      const W = Symbol.for('gpumem.wrapped');
      const wrapped = ['createBuffer', 'createTexture', 'createQuerySet', 'createSampler', 'createRenderPipelineAsync', 'destroy'].map((n) => {
        const fn = GPUDevice.prototype[n];
        const orig = fn[W];
        return !!orig && fn.name === orig.name && fn.length === orig.length;
      });
      dev.pushErrorScope('validation');
      dev.createBuffer({ size: 64, usage: 0 });
      const scoped = await dev.popErrorScope();
      const uncaptured = new Promise((ok) => dev.addEventListener('uncapturederror', (e) => ok(e.error.constructor.name), { once: true }));
      dev.createTexture({ size: [4, 4], format: 'rgba8unorm', usage: 0 });
      let thrown = '';
      try {
        dev.createBuffer(undefined);
      } catch (e) {
        thrown = e.constructor.name;
      }
      const adapter = await navigator.gpu.requestAdapter();
      const rejected = await adapter.requestDevice({ requiredLimits: { maxBindGroups: 1e9 } }).then(() => 'resolved', (e) => e.name);
      const uncapturedName = await uncaptured;
      // A rejection the page leaves unhandled still fires unhandledrejection, for the promise the page got.
      const unhandled = (make) => new Promise((ok) => {
        let p;
        addEventListener('unhandledrejection', (e) => {
          e.preventDefault();
          ok(e.reason.constructor.name + (e.promise === p ? ':same' : ':other'));
        }, { once: true });
        p = make();
      });
      const unhandledDevice = await unhandled(() => adapter.requestDevice({ requiredLimits: { maxBindGroups: 1e9 } }));
      const module = dev.createShaderModule({ code: '@vertex fn vs() -> @builtin(position) vec4f { return vec4f(); }' });
      const unhandledPipeline = await unhandled(() => dev.createRenderPipelineAsync({ layout: 'auto', vertex: { module, entryPoint: 'missing' } }));
      // A page whose Promise[Symbol.species] throws makes then() throw: it still gets its device.
      const species = Object.getOwnPropertyDescriptor(Promise, Symbol.species);
      Object.defineProperty(Promise, Symbol.species, { get() { throw new Error('species'); }, configurable: true });
      let hostile;
      try {
        hostile = (await adapter.requestDevice()).constructor.name;
      } catch (e) {
        hostile = 'threw ' + e.message;
      } finally {
        Object.defineProperty(Promise, Symbol.species, species);
      }
      return { wrapped, scoped: scoped && scoped.constructor.name, uncaptured: uncapturedName, thrown, rejected, unhandledDevice, unhandledPipeline, hostile };
    })()`);
    expect(r).toEqual({
      wrapped: [true, true, true, true, true, true],
      scoped: 'GPUValidationError',
      uncaptured: 'GPUValidationError',
      thrown: 'TypeError',
      rejected: 'OperationError',
      unhandledDevice: 'DOMException:same',
      unhandledPipeline: 'GPUPipelineError:same',
      hostile: 'GPUDevice',
    });
    await page.close();
  });
});
