// Creation sites from V8 stack text: the agent trims a captured stack to the page's frames, the views
// show the short form (file:line:col), the rules group by the full first frame.

/** Page frames kept in an object's short stack, from the first outside library code on. */
export const STACK_FRAMES = 5;
/**
 * Frames V8 collects for a creation: enough to reach the page's code through a library's render loop
 * (three.js, Babylon.js and PixiJS create objects 8 to 20 frames below the app's call).
 */
export const CAPTURE_DEPTH = 64;
/** Marks library frames left out of a short stack: `… 12 library frames`. */
export const SKIPPED_MARK = '\u2026 ';

/**
 * The page's frames of a V8 `stack` text, innermost first: drops the header line and every frame whose
 * location starts with one of `ownPrefixes` (the extension's own scripts). The innermost frame is kept
 * (the library call that made the object); further library frames (`isLibrary`) before the first frame
 * of the page's own code become one `… N library frames` line; from that frame on STACK_FRAMES are kept.
 */
export function pageFrames(stack: string, ownPrefixes: readonly string[], isLibrary: (frame: string) => boolean = () => false): string[] {
  // Indexed loops and stores, no Array methods: the page agent runs this in the page's world, where the
  // page may have replaced them (src/agent/pristine.ts).
  const out: string[] = [];
  const lines = stack.split('\n');
  let skipped = 0;
  let kept = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line.startsWith('at ')) continue;
    const loc = locationOf(line);
    let own = false;
    for (let k = 0; k < ownPrefixes.length && !own; k++) own = ownPrefixes[k] !== '' && loc.startsWith(ownPrefixes[k]!);
    if (own) continue;
    if (out.length === 0) {
      out[out.length] = line;
      if (!isLibrary(line)) kept++;
    } else if (kept === 0 && isLibrary(line)) {
      skipped++;
      continue;
    } else {
      if (skipped > 0) out[out.length] = `${SKIPPED_MARK}${skipped} library frame${skipped === 1 ? '' : 's'}`;
      skipped = 0;
      out[out.length] = line;
      kept++;
    }
    if (kept === STACK_FRAMES) break;
  }
  if (skipped > 0) out[out.length] = `${SKIPPED_MARK}${skipped} library frame${skipped === 1 ? '' : 's'}`;
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
