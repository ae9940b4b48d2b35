// Hooks are invisible to the page: same name, length, toString, constructibility and exceptions as the
// natives; GL errors stay the app's; a second install wraps nothing; wrappers the page adds still count.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaticServer } from '../src/cli/static-server';
import { DIST, fixtureServer, type Harness, launch, summary, tabOf, waitFor } from './helpers';

/** Every method the agent wraps on the context prototypes (WebGL 2 has them all). */
const HOOKED = [
  'createBuffer', 'deleteBuffer', 'createTexture', 'deleteTexture', 'createRenderbuffer', 'deleteRenderbuffer',
  'createFramebuffer', 'deleteFramebuffer', 'createProgram', 'deleteProgram', 'createShader', 'deleteShader',
  'createVertexArray', 'deleteVertexArray', 'createQuery', 'deleteQuery', 'createSampler', 'deleteSampler',
  'fenceSync', 'deleteSync', 'createTransformFeedback', 'deleteTransformFeedback', 'getExtension', 'bufferData',
  'texImage2D', 'texImage3D', 'texStorage2D', 'texStorage3D', 'compressedTexImage2D', 'compressedTexImage3D',
  'copyTexImage2D', 'generateMipmap', 'texParameteri', 'texParameterf', 'pixelStorei', 'renderbufferStorage',
  'renderbufferStorageMultisample', 'drawingBufferStorage',
];

describe('hook transparency', () => {
  let server: StaticServer;
  let h: Harness;
  let page: Page;
  let tabId: number;
  const buffers = async (): Promise<number> => (await summary(h, tabId))?.live['webgl.buffer']?.count ?? 0;

  beforeAll(async () => {
    server = await fixtureServer();
    h = await launch();
    page = await h.context.newPage();
    await page.goto(`${server.url}blank.html`);
    tabId = await tabOf(h, `${server.url}blank.html`);
  });
  afterAll(async () => {
    await h?.context.close();
    await server?.close();
  });

  it('keeps name, length, toString and non-constructibility of every hooked native', async () => {
    const rows = await page.evaluate((names) => {
      const W = Symbol.for('gpumem.wrapped');
      const out: unknown[] = [];
      const gl1 = document.createElement('canvas').getContext('webgl')!;
      const protos = [
        WebGLRenderingContext.prototype, WebGL2RenderingContext.prototype, HTMLCanvasElement.prototype,
        Object.getPrototypeOf(gl1.getExtension('OES_vertex_array_object')),
        Object.getPrototypeOf(gl1.getExtension('WEBGL_lose_context')),
      ];
      for (const [p, P] of protos.entries()) {
        for (const n of [...names, 'getContext', 'transferControlToOffscreen', 'createVertexArrayOES', 'deleteVertexArrayOES', 'loseContext']) {
          const fn = (P as unknown as Record<string, unknown>)[n] as Record<symbol, unknown> & ((...a: unknown[]) => unknown);
          if (typeof fn !== 'function') continue;
          const orig = fn[W] as typeof fn;
          let constructs = true;
          try {
            new (fn as unknown as new () => unknown)();
          } catch (e) {
            constructs = !(e instanceof TypeError);
          }
          out.push({
            p, n, wrapped: typeof orig === 'function',
            name: fn.name === orig.name, length: fn.length === orig.length,
            text: String(fn) === Function.prototype.toString.call(orig) && String(fn).includes('[native code]')
              && Function.prototype.toString.call(fn) === String(fn) && !Object.prototype.hasOwnProperty.call(fn, 'toString'),
            proto: 'prototype' in fn, constructs,
          });
        }
      }
      return out;
    }, HOOKED);
    // WebGL 2 has every name; the canvas has 2, OES_vertex_array_object 2 and WEBGL_lose_context 1.
    const per = (p: number): number => rows.filter((r) => (r as { p: number }).p === p).length;
    expect([per(1), per(2), per(3), per(4)]).toEqual([HOOKED.length, 2, 2, 1]);
    expect(per(0)).toBeGreaterThan(20);
    for (const r of rows) expect(r).toMatchObject({ wrapped: true, name: true, length: true, text: true, proto: false, constructs: false });
    // The natives' text comes from a hooked Function.prototype.toString, which looks native itself, as does
    // the Worker constructor the agent watches.
    const own = await page.evaluate(() => {
      const ts = Function.prototype.toString;
      let thrown = '';
      try {
        ts.call({});
      } catch (e) {
        thrown = (e as Error).constructor.name;
      }
      return {
        toString: [ts.name, ts.length, ts.call(ts), String(ts), Object.prototype.hasOwnProperty.call(ts, 'toString')],
        worker: [ts.call(Worker), Worker.name, Worker.length],
        plain: ts.call(function f(a: number) { return a; }),
        thrown,
      };
    });
    expect(own).toEqual({
      toString: ['toString', 0, 'function toString() { [native code] }', 'function toString() { [native code] }', false],
      worker: ['function Worker() { [native code] }', 'Worker', 1],
      plain: expect.stringContaining('function f(a'),
      thrown: 'TypeError',
    });
  });

  it('lets the native exception reach the page unchanged', async () => {
    const r = await page.evaluate(() => {
      const gl = (window as unknown as { gl: WebGL2RenderingContext }).gl;
      const orig = (gl.bufferData as unknown as Record<symbol, (...a: unknown[]) => unknown>)[Symbol.for('gpumem.wrapped')]!;
      const msg = (f: () => unknown): string => {
        try {
          f();
          return 'no throw';
        } catch (e) {
          return `${(e as Error).constructor.name}: ${(e as Error).message}`;
        }
      };
      return { hooked: msg(() => (gl.bufferData as unknown as () => void)()), native: msg(() => orig.call(gl)) };
    });
    expect(r.hooked).toMatch(/^TypeError: /);
    expect(r.hooked).toBe(r.native);
  });

  it('leaves GL errors to the app and does not count rejected calls', async () => {
    const r = await page.evaluate(() => {
      const gl = (window as unknown as { gl: WebGL2RenderingContext }).gl;
      while (gl.getError() !== gl.NO_ERROR);
      const t = gl.createTexture();
      gl.bindTexture(gl.TEXTURE_2D, t);
      gl.texImage2D(gl.TEXTURE_2D, 0, 0x1234, 4, 4, 0, gl.RGBA, gl.UNSIGNED_BYTE, null); // bad internalformat
      const err1 = gl.getError();
      const b = gl.createBuffer();
      gl.bindBuffer(gl.ARRAY_BUFFER, b);
      gl.bufferData(gl.ARRAY_BUFFER, -1, gl.STATIC_DRAW); // negative size
      return [err1, gl.getError()];
    });
    // Chromium reports both as INVALID_VALUE; what matters is that the app still reads them.
    expect(r).toEqual([0x501, 0x501]);
    const s = await waitFor(() => summary(h, tabId), (x) => x?.live['webgl.texture']?.count === 1 && (x?.live['webgl.buffer']?.count ?? 0) >= 1, 'texture and buffer');
    expect(s!.live['webgl.texture']!.bytes).toBe(0);
    expect(s!.live['webgl.buffer']!.bytes).toBe(0);
  });

  it('sees calls through the prototype and through a wrapper the page adds after us', async () => {
    const n0 = await buffers();
    await page.evaluate(() => {
      const gl = (window as unknown as { gl: WebGL2RenderingContext }).gl;
      WebGL2RenderingContext.prototype.createBuffer.call(gl);
      const prev = WebGL2RenderingContext.prototype.createBuffer;
      WebGL2RenderingContext.prototype.createBuffer = function (this: WebGL2RenderingContext) {
        return prev.call(this);
      };
      gl.createBuffer();
      WebGL2RenderingContext.prototype.createBuffer = prev;
    });
    await waitFor(buffers, (n) => n === n0 + 2, 'two more buffers');
  });

  it('wraps once when the agent is installed a second time', async () => {
    const agent = readFileSync(resolve(DIST, 'src/agent/agent.iife.js'), 'utf8');
    await page.addScriptTag({ content: agent });
    const n0 = await buffers();
    const stillNative = await page.evaluate(() => {
      const fn = WebGL2RenderingContext.prototype.createBuffer as unknown as Record<symbol, unknown>;
      const orig = fn[Symbol.for('gpumem.wrapped')] as Record<symbol, unknown>;
      (window as unknown as { gl: WebGL2RenderingContext }).gl.createBuffer();
      return !(Symbol.for('gpumem.wrapped') in orig);
    });
    expect(stillNative).toBe(true);
    await waitFor(buffers, (n) => n === n0 + 1, 'exactly one more buffer');
    // Counted once: a second flush shows no extra buffer.
    await waitFor(async () => (await h.worker()).evaluate(`globalThis.__gpumem.exportTrace(${tabId})`), () => true, 'flushed export');
    expect(await buffers()).toBe(n0 + 1);
  });
});
