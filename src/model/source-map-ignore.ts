// Library code a script's source map names: sources listed in its `ignoreList` (ECMA-426) or
// `x_google_ignoreList` (the name Chrome DevTools reads), located in the generated script by decoding the
// map's `mappings`. The result is a list of transitions, small enough to travel in a trace event: a
// bundle that concatenates an app and its libraries changes from app to library code a few times per
// module, not per mapping.

/** Characters of a source map this tool decodes at most; a larger one is not read. */
export const MAX_SOURCE_MAP_CHARS = 32 * 1024 * 1024;
/** Transitions kept per script: past this, positions after the last one keep its state. */
export const MAX_IGNORE_TRANSITIONS = 30_000;

const B64 = new Map([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));

/**
 * Where a script's library code is: flattened triples (line, column, ignored 0/1), 0-based, sorted, each
 * the state from that position on; the state before the first is "not ignored". Empty: none is library.
 */
export type IgnoreTransitions = number[];

export class SourceMapError extends Error {
  override name = 'SourceMapError';
}

/**
 * Reads a source map (parsed JSON) into its ignore transitions. Throws SourceMapError when it is not a
 * version 3 map this tool reads (index maps with `sections` are not read).
 */
export function ignoreTransitions(map: unknown): IgnoreTransitions {
  if (typeof map !== 'object' || map === null) throw new SourceMapError('not an object');
  const m = map as Record<string, unknown>;
  if (m.version !== 3) throw new SourceMapError('not a version 3 source map');
  if (m.sections !== undefined) throw new SourceMapError('index maps (sections) are not read');
  const sources = m.sources;
  if (!Array.isArray(sources)) throw new SourceMapError('no sources');
  const list = m.ignoreList ?? m.x_google_ignoreList;
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new SourceMapError('ignore list is not an array');
  const ignored = new Set<number>();
  for (const x of list) if (Number.isInteger(x) && x >= 0 && x < sources.length) ignored.add(x as number);
  if (ignored.size === 0) return [];
  if (ignored.size === sources.length) return [0, 0, 1];
  if (typeof m.mappings !== 'string') throw new SourceMapError('no mappings');
  return decodeTransitions(m.mappings, ignored);
}

/** Walks `mappings` (base64 VLQ) and keeps the positions where the source's ignored state changes. */
function decodeTransitions(mappings: string, ignored: ReadonlySet<number>): IgnoreTransitions {
  const out: number[] = [];
  let state = 0;
  let line = 0;
  let col = 0;
  let source = 0;
  // Fields of the current segment, decoded one VLQ at a time.
  let field = 0;
  let value = 0;
  let shift = 0;
  const endSegment = (): void => {
    field = 0;
  };
  for (let i = 0; i <= mappings.length; i++) {
    const c = i < mappings.length ? mappings[i]! : ';';
    if (c === ',' || c === ';') {
      endSegment();
      if (c === ';') {
        line++;
        col = 0;
      }
      continue;
    }
    const digit = B64.get(c);
    if (digit === undefined) throw new SourceMapError(`bad character in mappings at ${i}`);
    value += (digit & 31) * 2 ** shift;
    shift += 5;
    if (digit & 32) continue;
    const n = value % 2 === 1 ? -(value - 1) / 2 : value / 2;
    value = 0;
    shift = 0;
    if (field === 0) col += n;
    else if (field === 1) {
      source += n;
      const s = ignored.has(source) ? 1 : 0;
      if (s !== state) {
        state = s;
        if (out.length / 3 < MAX_IGNORE_TRANSITIONS) out.push(line, col, s);
      }
    }
    field++;
  }
  return out;
}

/** Whether the 0-based position is in library code, by the script's transitions. */
export function isIgnoredAt(t: IgnoreTransitions, line: number, col: number): boolean {
  // The last transition at or before (line, col), found by halving.
  let lo = 0;
  let hi = t.length / 3;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const l = t[mid * 3]!;
    if (l < line || (l === line && t[mid * 3 + 1]! <= col)) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && t[(lo - 1) * 3 + 2] === 1;
}

/** The `sourceMappingURL` a script's text names (its last such comment), or null. */
export function sourceMappingUrl(script: string): string | null {
  const re = /\/\/[#@][ \t]*sourceMappingURL=[ \t]*(\S+)[ \t]*(?:\r?\n|$)/g;
  let found: string | null = null;
  // Only comments after the script's last code can name its map; a string in the code is not one.
  const tail = script.lastIndexOf('sourceMappingURL=');
  if (tail < 0) return null;
  re.lastIndex = Math.max(0, tail - 4);
  for (let m = re.exec(script); m; m = re.exec(script)) found = m[1]!;
  return found;
}
