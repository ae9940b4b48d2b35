import { describe, expect, it } from 'vitest';
import { IgnoreList } from './ignore-list';
import { ignoreTransitions, isIgnoredAt, SourceMapError, sourceMappingUrl } from './source-map-ignore';

// Segments by hand (base64 VLQ: a value v is written as 2v, or 2|v|+1 when negative, 5 bits a digit, low
// bits first, 32 marking that more digits follow):
//   line 0 "AAAA": column 0, source 0 (lib.js)
//   line 1 "AACA": column 0, source +0, source line +1
//   line 2 "ACAA": column 0, source +1 (app.js); "UDAA": column +10 (U = 20), source -1 (D = 3) back to lib.js
//   line 3 "w+BCAA": column +1000 (2000 = 16 + 30×32 + 1×1024: w = 16|32, + = 30|32, B = 1), source +1
const MAP = { version: 3, sources: ['lib.js', 'app.js'], names: [], mappings: 'AAAA;AACA;ACAA,UDAA;w+BCAA', x_google_ignoreList: [0] };

describe('ignoreTransitions', () => {
  it('keeps the positions where the source changes between library and app code', () => {
    expect(ignoreTransitions(MAP)).toEqual([0, 0, 1, 2, 0, 0, 2, 10, 1, 3, 1000, 0]);
  });

  it('reads the standard ignoreList name too, and needs no mappings when every source is library code', () => {
    expect(ignoreTransitions({ ...MAP, x_google_ignoreList: undefined, ignoreList: [0, 1] })).toEqual([0, 0, 1]);
    expect(ignoreTransitions({ version: 3, sources: ['a.js'], mappings: 'AAAA' })).toEqual([]);
    // Indexes out of range or not integers name nothing.
    expect(ignoreTransitions({ ...MAP, x_google_ignoreList: [5, -1, 0.5] })).toEqual([]);
  });

  it('refuses what is not a version 3 map it reads, saying why', () => {
    expect(() => ignoreTransitions({ version: 2, sources: [] })).toThrow(new SourceMapError('not a version 3 source map'));
    expect(() => ignoreTransitions({ version: 3, sections: [] })).toThrow('index maps (sections) are not read');
    expect(() => ignoreTransitions({ ...MAP, mappings: 'AA!A' })).toThrow('bad character in mappings at 2');
    expect(() => ignoreTransitions('{}')).toThrow('not an object');
  });
});

describe('isIgnoredAt', () => {
  it('gives the state of the last transition at or before the position', () => {
    const t = ignoreTransitions(MAP);
    expect(isIgnoredAt(t, 0, 0)).toBe(true);
    expect(isIgnoredAt(t, 1, 500)).toBe(true);
    expect(isIgnoredAt(t, 2, 9)).toBe(false);
    expect(isIgnoredAt(t, 2, 10)).toBe(true);
    expect(isIgnoredAt(t, 3, 999)).toBe(true);
    expect(isIgnoredAt(t, 3, 1000)).toBe(false);
    expect(isIgnoredAt([2, 0, 1], 1, 0)).toBe(false);
  });
});

describe('sourceMappingUrl', () => {
  it('takes the last sourceMappingURL comment', () => {
    expect(sourceMappingUrl('f();\n//# sourceMappingURL=app.js.map\n')).toBe('app.js.map');
    expect(sourceMappingUrl('f();\n//@ sourceMappingURL=old.map\n//# sourceMappingURL=data:application/json;base64,e30=')).toBe('data:application/json;base64,e30=');
    expect(sourceMappingUrl('const s = "no map";')).toBeNull();
  });
});

describe('IgnoreList with a script\'s source map', () => {
  it('attributes a bundle\'s frames by position: the site is the first frame in app code', () => {
    const list = new IgnoreList();
    const stack = 'at makeBuffer (https://h/bundle.js:2:5)\nat main (https://h/bundle.js:3:3)\nat https://h/index.html:9:1';
    expect(list.attribute(stack)).toEqual({ site: 'at makeBuffer (https://h/bundle.js:2:5)', via: '' });
    const t = ignoreTransitions(MAP);
    // Stack positions are 1-based: line 2 column 5 is (1, 4), in lib.js; line 3 column 3 is (2, 2), in app.js.
    list.setScriptIgnores((url, line, col) => url === 'https://h/bundle.js' && isIgnoredAt(t, line - 1, col - 1));
    expect(list.attribute(stack)).toEqual({ site: 'at main (https://h/bundle.js:3:3)', via: 'at makeBuffer (https://h/bundle.js:2:5)' });
  });
});
