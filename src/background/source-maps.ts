// Library code named by scripts' source maps: the script a creation stack runs through is fetched, its
// `sourceMappingURL` (comment or SourceMap header, a data: URL too) followed, and the map's ignore list
// read into transitions (src/model/source-map-ignore.ts). No credentials are sent: a page's stack text
// is its own to write, so the URLs it names are fetched as an anonymous visitor would.
import { ignoreTransitions, type IgnoreTransitions, MAX_SOURCE_MAP_CHARS, sourceMappingUrl } from '../model/model';

/** Scripts remembered across recordings (a reload fetches nothing again): past it, the oldest go. */
const CACHE_SCRIPTS = 256;

const cache = new Map<string, Promise<IgnoreTransitions | null>>();

/** A script's ignore transitions; null when it has no source map, or one this tool cannot read. */
export function scriptIgnoreTransitions(url: string): Promise<IgnoreTransitions | null> {
  let p = cache.get(url);
  if (p === undefined) {
    p = read(url).catch(() => null);
    if (cache.size >= CACHE_SCRIPTS) cache.delete(cache.keys().next().value!);
    cache.set(url, p);
  }
  return p;
}

async function text(url: string): Promise<{ body: string; header: string | null } | null> {
  const res = await fetch(url, { credentials: 'omit' });
  if (!res.ok) return null;
  const length = Number(res.headers.get('content-length') ?? 0);
  if (length > MAX_SOURCE_MAP_CHARS || !res.body) return null;
  // Read in pieces and given up past the bound: a response without a length could be endless.
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  const parts: string[] = [];
  let chars = 0;
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    chars += r.value.length;
    if (chars > MAX_SOURCE_MAP_CHARS) {
      await reader.cancel();
      return null;
    }
    parts.push(r.value);
  }
  return { body: parts.join(''), header: res.headers.get('sourcemap') ?? res.headers.get('x-sourcemap') };
}

async function read(url: string): Promise<IgnoreTransitions | null> {
  const script = await text(url);
  if (!script) return null;
  const ref = script.header ?? sourceMappingUrl(script.body);
  if (!ref) return null;
  const mapUrl = new URL(ref, url);
  if (mapUrl.protocol !== 'http:' && mapUrl.protocol !== 'https:' && mapUrl.protocol !== 'data:') return null;
  const map = await text(mapUrl.href);
  if (!map) return null;
  // A map may start with )]}' to keep it from running as script (the source map spec allows it).
  const json = map.body.startsWith(")]}'") ? map.body.slice(map.body.indexOf('\n') + 1) : map.body;
  return ignoreTransitions(JSON.parse(json));
}
