import { describe, expect, it } from 'vitest';
import { pageFrames, shortSite, siteOfStack } from './stack-sites';

const V8 = `Error
    at Tracker.create (chrome-extension://abc/assets/agent.iife.js:1:2000)
    at WebGL2RenderingContext.create (chrome-extension://abc/assets/agent.iife.js:1:9000)
    at makeTexture (https://app.example/js/scene.js?v=3:120:14)
    at https://app.example/js/main.js:8:3
    at async load (https://app.example/js/main.js:20:5)
    at f1 (https://app.example/a.js:1:1)
    at f2 (https://app.example/a.js:2:1)
    at f3 (https://app.example/a.js:3:1)`;

describe('pageFrames', () => {
  it("drops the header and the extension's frames and keeps five page frames, innermost first", () => {
    expect(pageFrames(V8, ['chrome-extension://abc/assets/agent.iife.js'])).toEqual([
      'at makeTexture (https://app.example/js/scene.js?v=3:120:14)',
      'at https://app.example/js/main.js:8:3',
      'at async load (https://app.example/js/main.js:20:5)',
      'at f1 (https://app.example/a.js:1:1)',
      'at f2 (https://app.example/a.js:2:1)',
    ]);
  });
  it('keeps everything when no prefix is given, and nothing from a stack without frames', () => {
    expect(pageFrames(V8, [''])[0]).toBe('at Tracker.create (chrome-extension://abc/assets/agent.iife.js:1:2000)');
    expect(pageFrames('Error: x', [])).toEqual([]);
  });
});

describe('shortSite', () => {
  it.each([
    ['at makeTexture (https://app.example/js/scene.js?v=3:120:14)', 'scene.js:120:14'],
    ['at https://app.example/js/main.js:8:3', 'main.js:8:3'],
    ['at new Foo (webpack:///src/foo.ts#x:1:2)', 'foo.ts:1:2'],
    ['at eval (<anonymous>)', '<anonymous>'],
    ['at render (https://app.example/:33:7)', 'https://app.example/:33:7'],
    ['', ''],
  ])('%s -> %s', (site, short) => {
    expect(shortSite(site)).toBe(short);
  });
});

describe('siteOfStack', () => {
  it('is the first line', () => {
    expect(siteOfStack('at a (x.js:1:1)\nat b (y.js:2:2)')).toBe('at a (x.js:1:1)');
    expect(siteOfStack(undefined)).toBe('');
  });
});

describe('pageFrames through a library', () => {
  const lib = (n: number): string => `    at f${n} (https://app.example/node_modules/three/build/three.module.js:${n}:1)`;
  const isLib = (f: string): boolean => f.includes('/node_modules/');
  const stack = ['Error', '    at Tracker.create (chrome-extension://abc/agent.js:1:1)', lib(1), lib(2), lib(3), '    at load (https://app.example/scene.js:42:7)', '    at https://app.example/main.js:1:1'].join('\n');

  it('keeps the library call, counts the library frames below it, then the page frames', () => {
    expect(pageFrames(stack, ['chrome-extension://abc/'], isLib)).toEqual([
      'at f1 (https://app.example/node_modules/three/build/three.module.js:1:1)',
      '\u2026 2 library frames',
      'at load (https://app.example/scene.js:42:7)',
      'at https://app.example/main.js:1:1',
    ]);
  });

  it('says how many library frames there were when the stack never reached the page', () => {
    expect(pageFrames(['Error', lib(1), lib(2)].join('\n'), [], isLib)).toEqual([
      'at f1 (https://app.example/node_modules/three/build/three.module.js:1:1)',
      '\u2026 1 library frame',
    ]);
  });
});
