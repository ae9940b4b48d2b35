// Text that came from the page (URLs, labels, canvas ids, stacks, alert messages built from them): bounded
// with a visible mark, and made inert for a terminal. The page chooses every character of it.

/** The mark a clipped string ends with, so that a reader knows it was cut. */
export const CLIP_MARK = '…';

/** `s` cut to at most `max` characters, the last of them the clip mark; unchanged when it fits. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = Math.max(0, max - CLIP_MARK.length);
  // Never split a surrogate pair: half of one is not a character.
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return s.slice(0, end) + CLIP_MARK;
}

/**
 * C0 and C1 controls, DEL, and the Unicode format characters that reorder or hide text (bidi embeddings,
 * overrides and isolates, zero-width joiners, the byte-order mark, line and paragraph separators).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/**
 * `s` as a terminal may print it: every control or bidi character is written as a visible escape
 * (`\x1b`, `\u202e`), so that a page cannot clear the screen, set the title, or reorder the line.
 */
export function terminalSafe(s: string): string {
  return s.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
