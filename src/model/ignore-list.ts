// Which stack frames are library code, as DevTools' ignore list decides: sources under node_modules/,
// files a bundler or CDN serves packages from, bundled builds of the graphics libraries by their file
// names, and patterns the user adds on the options page. A creation site is the first frame outside them;
// the library frame it went through is kept beside it ("scene.js:42 through three.module.js:11628").
import { locationOf, SKIPPED_MARK } from './stack-sites';

/**
 * Regular expressions over a frame's script URL. Library builds are matched by their published file
 * names (three.module.js, babylon.js, pixi.min.mjs …), so an app's own file named after one is ignored too:
 * the options page can add patterns, not remove these.
 */
export const DEFAULT_IGNORE_LIST: readonly string[] = [
  '/node_modules/',
  // Vite's pre-bundled dependencies, webpack's and Parcel's vendor chunks.
  '/\\.vite/deps/',
  '[/.~-]vendors?[.~-][^/]*\\.m?js$',
  // Package CDNs.
  '^https?://(cdn\\.jsdelivr\\.net|unpkg\\.com|cdnjs\\.cloudflare\\.com|esm\\.sh|ga\\.jspm\\.io|cdn\\.skypack\\.dev)/',
  // Bundled builds of WebGL and WebGPU libraries.
  '/three(\\.module|\\.core|\\.webgpu|\\.webgpu\\.nodes|\\.tsl|\\.cjs)?(\\.min)?\\.m?js$',
  '/babylon(js)?(\\.max)?(\\.min)?\\.m?js$',
  '/pixi(\\.min)?\\.m?js$',
  '/playcanvas(\\.min|\\.dbg|\\.prf)?\\.m?js$',
  '/tf(-backend-web(gl|gpu)|-core)?(\\.es2017)?(\\.min)?\\.m?js$',
  '/regl(\\.min)?\\.js$',
  '/(maplibre|mapbox)-gl(-dev|-csp)?\\.js$',
  '/deck(gl)?(\\.min)?\\.js$',
  '/twgl(-full)?(\\.module)?(\\.min)?\\.js$',
  '/Cesium\\.js$',
];

/** Patterns a user may add: at most this many, each at most this long. */
export const MAX_IGNORE_PATTERNS = 100;
export const MAX_IGNORE_PATTERN_LENGTH = 200;

/** The user's patterns that are valid regular expressions; why each other one was refused. */
export function parseIgnoreList(raw: unknown): { patterns: string[]; errors: string[] } {
  const patterns: string[] = [];
  const errors: string[] = [];
  if (!Array.isArray(raw)) return { patterns, errors };
  for (const x of raw.slice(0, MAX_IGNORE_PATTERNS)) {
    if (typeof x !== 'string' || x.trim() === '') continue;
    const p = x.trim();
    if (p.length > MAX_IGNORE_PATTERN_LENGTH) {
      errors.push(`longer than ${MAX_IGNORE_PATTERN_LENGTH} characters: ${p.slice(0, 40)}…`);
      continue;
    }
    try {
      new RegExp(p);
      patterns.push(p);
    } catch (e) {
      errors.push(`not a regular expression (${(e as Error).message}): ${p}`);
    }
  }
  if (raw.length > MAX_IGNORE_PATTERNS) errors.push(`only the first ${MAX_IGNORE_PATTERNS} patterns are kept`);
  return { patterns, errors };
}

/** Attributions remembered per stack text: a site makes the same stack for every object it creates. */
const ATTRIBUTION_CACHE = 1024;

export class IgnoreList {
  private readonly res: RegExp[];
  private readonly cache = new Map<string, { site: string; via: string }>();
  /**
   * Library code by position inside a script (its source map's ignore list; the session store sets it,
   * source-map-ignore.ts): 1-based line and column as in a stack frame. Null: none known.
   */
  private scriptIgnores: ((url: string, line: number, col: number) => boolean) | null = null;

  /** `user`: the options page's patterns (invalid ones are skipped). */
  constructor(readonly user: readonly string[] = []) {
    this.res = [...DEFAULT_IGNORE_LIST, ...parseIgnoreList(user).patterns].map((p) => new RegExp(p));
  }

  /**
   * Whether a V8 frame line (`at f (https://x/a.js:1:2)`) is in library code. The engine's own frames
   * (`at Generator.next (<anonymous>)`, `native`) are too; code the page evaluated (`<anonymous>:3:7`) is not.
   */
  ignores(frame: string): boolean {
    const loc = locationOf(frame.trim());
    if (loc === '<anonymous>' || loc === 'native') return true;
    const pos = /:(\d+):(\d+)$/.exec(loc);
    const url = pos ? loc.slice(0, pos.index) : loc;
    // Query and fragment are not part of a script's name (three.module.js?v=3).
    const q = url.search(/[?#]/);
    const path = q >= 0 ? url.slice(0, q) : url;
    // Indexed: the page agent runs this in the page's world, where array iteration is the page's.
    for (let i = 0; i < this.res.length; i++) if (this.res[i]!.test(path)) return true;
    return pos !== null && this.scriptIgnores !== null && this.scriptIgnores(url, Number(pos[1]), Number(pos[2]));
  }

  /** Library code by position in scripts, from their source maps; attributions made before are forgotten. */
  setScriptIgnores(f: (url: string, line: number, col: number) => boolean): void {
    this.scriptIgnores = f;
    this.cache.clear();
  }

  /**
   * The creation site of a short stack (innermost first): its first frame outside library code, and the
   * library frame the creation went through ('' when the first frame is the page's own). When every frame
   * is library code the innermost is the site: the stack did not reach the page's code.
   */
  attribute(stack: string | undefined): { site: string; via: string } {
    if (!stack) return { site: '', via: '' };
    let known = this.cache.get(stack);
    if (known === undefined) {
      known = this.attributeAnew(stack);
      if (this.cache.size >= ATTRIBUTION_CACHE) this.cache.clear();
      this.cache.set(stack, known);
    }
    return known;
  }

  private attributeAnew(stack: string): { site: string; via: string } {
    const frames = stack.split('\n');
    if (!this.ignores(frames[0]!)) return { site: frames[0]!, via: '' };
    for (let i = 1; i < frames.length; i++) {
      // A `… N library frames` line stands for frames the agent left out.
      if (frames[i]!.startsWith(SKIPPED_MARK) || this.ignores(frames[i]!)) continue;
      return { site: frames[i]!, via: frames[0]! };
    }
    return { site: frames[0]!, via: '' };
  }
}
