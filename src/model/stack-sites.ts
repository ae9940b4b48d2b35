// Creation sites from V8 stack text: the agent trims a captured stack to the page's frames, the views
// show the short form (file:line:col), the rules group by the full first frame.

/** Frames kept in an object's short stack. */
export const STACK_FRAMES = 5;

/**
 * The page's frames of a V8 `stack` text, innermost first, at most STACK_FRAMES: drops the header line and
 * every frame whose location starts with one of `ownPrefixes` (the extension's own scripts).
 */
export function pageFrames(stack: string, ownPrefixes: readonly string[]): string[] {
  // Indexed loops and stores, no Array methods: the page agent runs this in the page's world, where the
  // page may have replaced them (src/agent/pristine.ts).
  const out: string[] = [];
  const lines = stack.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line.startsWith('at ')) continue;
    const loc = locationOf(line);
    let own = false;
    for (let k = 0; k < ownPrefixes.length && !own; k++) own = ownPrefixes[k] !== '' && loc.startsWith(ownPrefixes[k]!);
    if (own) continue;
    out[out.length] = line;
    if (out.length === STACK_FRAMES) break;
  }
  return out;
}

/** The location part of one frame line: `url:line:col`, `<anonymous>`, `native`. */
export function locationOf(frame: string): string {
  const s = frame.startsWith('at ') ? frame.slice(3) : frame;
  const open = s.lastIndexOf('(');
  if (open >= 0 && s.endsWith(')')) return s.slice(open + 1, -1);
  return s;
}

/** `scene.js:120:14` from `at render (https://host/js/scene.js?v=3:120:14)`; the input when it has no file. */
export function shortSite(site: string): string {
  if (!site) return '';
  const loc = locationOf(site);
  const m = /^(.*):(\d+):(\d+)$/.exec(loc);
  if (!m) return loc;
  let file = m[1]!;
  const q = file.search(/[?#]/);
  if (q >= 0) file = file.slice(0, q);
  const slash = file.lastIndexOf('/');
  const base = slash >= 0 && slash < file.length - 1 ? file.slice(slash + 1) : file;
  return `${base}:${m[2]}:${m[3]}`;
}

/** The site (first frame) of a short stack. */
export function siteOfStack(stack: string | undefined): string {
  if (!stack) return '';
  const nl = stack.indexOf('\n');
  return nl < 0 ? stack : stack.slice(0, nl);
}
