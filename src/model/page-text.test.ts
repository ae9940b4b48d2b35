import { describe, expect, it } from 'vitest';
import { clip, CLIP_MARK, terminalSafe } from './page-text';

describe('clip', () => {
  it('keeps a string that fits and cuts a longer one to the bound, mark included', () => {
    expect(clip('abc', 3)).toBe('abc');
    expect(clip('abcdef', 4)).toBe(`abc${CLIP_MARK}`);
    expect(clip('abcdef', 4)).toHaveLength(4);
  });
  it('never leaves half a surrogate pair', () => {
    // 'a' then U+1F600 (two UTF-16 units) then 'b': cutting at 3 would split the pair.
    expect(clip('a\u{1F600}bcd', 3)).toBe(`a${CLIP_MARK}`);
  });
});

describe('terminalSafe', () => {
  it('writes control, DEL, C1 and bidi characters as visible escapes', () => {
    expect(terminalSafe('canvas\x1b[2J')).toBe('canvas\\x1b[2J');
    expect(terminalSafe('\x1b]0;owned\x07')).toBe('\\x1b]0;owned\\x07');
    expect(terminalSafe('a\r\nb\x7f\x9b')).toBe('a\\x0d\\x0ab\\x7f\\x9b');
    expect(terminalSafe('evil\u202Etxt.js')).toBe('evil\\u202etxt.js');
    expect(terminalSafe('\u2066x\u2069')).toBe('\\u2066x\\u2069');
  });
  it('leaves printable text, tabs aside, as it is', () => {
    expect(terminalSafe('three.module.js:11628:19 日本語 é')).toBe('three.module.js:11628:19 日本語 é');
  });
});
