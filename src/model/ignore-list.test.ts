import { describe, expect, it } from 'vitest';
import { IgnoreList, parseIgnoreList } from './ignore-list';

const three = 'at WebGLAttributes.createBuffer (http://localhost:5173/node_modules/three/build/three.module.js:11628:19)';
const viteDep = 'at Renderer.init (http://localhost:5173/node_modules/.vite/deps/three.js?v=1a2b3c:900:5)';
const app = 'at Scene.load (http://localhost:5173/src/routes/scene.js:42:7)';
const appTop = 'at http://localhost:5173/src/main.js:10:3';

describe('IgnoreList', () => {
  const list = new IgnoreList();

  it('ignores node_modules, vendor chunks, CDNs and bundled library builds', () => {
    for (const f of [
      three,
      viteDep,
      'at a (https://app.example/assets/vendors~main.3f2a.js:1:200)',
      'at a (https://app.example/static/js/vendor.8c1d.js:3:4)',
      'at a (https://cdn.jsdelivr.net/npm/three@0.170.0/build/three.module.js:1:2)',
      'at a (https://unpkg.com/regl@2.1.0/dist/regl.js:1:2)',
      'at a (https://app.example/js/three.min.js?v=3:5:6)',
      'at a (https://app.example/lib/babylon.max.js:5:6)',
      'at a (https://app.example/lib/pixi.min.mjs:5:6)',
      'at a (https://app.example/lib/playcanvas.dbg.js:5:6)',
      'at a (https://app.example/lib/tf-backend-webgpu.min.js:5:6)',
      'at a (https://app.example/lib/maplibre-gl.js:5:6)',
      'at a (https://app.example/lib/twgl-full.module.js:5:6)',
      'at Generator.next (<anonymous>)',
      'at Array.forEach (native)',
    ]) {
      expect(list.ignores(f), f).toBe(true);
    }
  });

  it("keeps the page's own files, also ones named like a library's", () => {
    for (const f of [app, appTop, 'at a (https://app.example/threejs-demo.js:1:2)', 'at a (https://app.example/my-pixi-game.js:1:2)', 'at <anonymous>:1:2', 'at eval (eval at run (https://app.example/a.js:1:1), <anonymous>:3:7)']) {
      expect(list.ignores(f), f).toBe(false);
    }
  });

  it('attributes a stack to its first frame in the page code, through the library frame', () => {
    expect(list.attribute([three, 'at WebGLObjects.update (http://localhost:5173/node_modules/three/build/three.module.js:12000:3)', app, appTop].join('\n'))).toEqual({ site: app, via: three });
    expect(list.attribute([app, appTop].join('\n'))).toEqual({ site: app, via: '' });
    expect(list.attribute([three, '\u2026 14 library frames', app].join('\n'))).toEqual({ site: app, via: three });
    // A stack that never left the library: the innermost frame, and no claim of a page site.
    expect(list.attribute([three, viteDep].join('\n'))).toEqual({ site: three, via: '' });
    expect(list.attribute(undefined)).toEqual({ site: '', via: '' });
  });

  it("adds the user's patterns", () => {
    const mine = new IgnoreList(['/src/engine/', '[']);
    expect(mine.ignores('at a (https://app.example/src/engine/gl.js:1:2)')).toBe(true);
    expect(mine.attribute(['at a (https://app.example/src/engine/gl.js:1:2)', app].join('\n'))).toEqual({ site: app, via: 'at a (https://app.example/src/engine/gl.js:1:2)' });
  });
});

describe('parseIgnoreList', () => {
  it('keeps valid regular expressions and says why it refused the others', () => {
    const r = parseIgnoreList(['/lib/', '  ', '(', 'x'.repeat(201), 7]);
    expect(r.patterns).toEqual(['/lib/']);
    expect(r.errors).toHaveLength(2);
    expect(r.errors[0]).toMatch(/^not a regular expression \(.*\): \($/);
    expect(r.errors[1]).toMatch(/^longer than 200 characters/);
  });
});
