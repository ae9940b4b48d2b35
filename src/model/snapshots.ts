// Snapshots of a recording's live set and their comparison: the three-snapshot technique of DevTools'
// Memory panel, for GPU objects. A snapshot is taken by a `snapshot` trace event, so a trace replays to the
// same snapshots; it holds the live objects and the bytes each held then (an object's size changes later).
import type { Kind } from './kinds';
import type { KindTotals, TraceObject } from './trace-types';

/** Snapshots a recording keeps: past it, more are refused (each holds a reference per live object). */
export const MAX_SNAPSHOTS = 64;
/**
 * Objects all of a recording's snapshots hold together (16 bytes each: about 128 MiB): past it, more are
 * refused, so that a trace file of many snapshots of a million objects cannot take the viewer's memory.
 */
export const MAX_SNAPSHOT_OBJECTS = 8_000_000;

/** The site of an object created with no stack captured. */
export const NO_SITE = '(no creation stack)';

export interface Snapshot {
  id: string;
  name: string;
  /** ms after the recording's start. */
  t: number;
  /** The objects live at t, in creation order. */
  objects: TraceObject[];
  /** The bytes each of `objects` held at t. */
  bytes: number[];
  totalBytes: number;
}

export type SnapshotAxis = 'kind' | 'site' | 'context';

/** The live objects of `objects` at this moment, with their bytes now. */
export function takeSnapshot(id: string, name: string, t: number, objects: Iterable<TraceObject>): Snapshot {
  const live: TraceObject[] = [];
  const bytes: number[] = [];
  let totalBytes = 0;
  for (const o of objects) {
    if (o.releasedAt !== null) continue;
    live.push(o);
    bytes.push(o.bytes);
    totalBytes += o.bytes;
  }
  return { id, name, t, objects: live, bytes, totalBytes };
}

/** An object's creation site as a comparison keys it (by default the site itself). */
export type SiteKey = (site: string) => string;

export function axisKey(o: TraceObject, axis: SnapshotAxis, siteKey?: SiteKey): string {
  if (axis === 'kind') return o.kind;
  if (axis === 'context') return o.context;
  const site = o.site ?? NO_SITE;
  return siteKey ? siteKey(site) : site;
}

/**
 * A site without the origin of its script's URL ("at f (/js/app.js:10:5)"): two recordings of one app
 * served from different hosts or ports (a CI job's server on a free port) name the same sites so.
 */
export function siteWithoutOrigin(site: string): string {
  return site.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^/\s()]*(?=\/)/gi, '');
}

/** Count and bytes per kind, creation site or context at the snapshot's moment. */
export function snapshotTotals(s: Snapshot, axis: SnapshotAxis, siteKey?: SiteKey): Map<string, KindTotals> {
  const out = new Map<string, KindTotals>();
  for (let i = 0; i < s.objects.length; i++) {
    const key = axisKey(s.objects[i]!, axis, siteKey);
    const t = out.get(key);
    if (t) {
      t.count++;
      t.bytes += s.bytes[i]!;
    } else out.set(key, { count: 1, bytes: s.bytes[i]! });
  }
  return out;
}

export interface DeltaRow {
  /** The kind, creation site or context. */
  key: string;
  base: KindTotals;
  target: KindTotals;
  /** target − base. */
  count: number;
  bytes: number;
  /** Objects live at the target and not at the base (with their bytes at the target). */
  added: KindTotals;
  /** Objects live at the base and not at the target (with their bytes at the base). */
  freed: KindTotals;
}

export interface Comparison {
  base: Snapshot;
  target: Snapshot;
  /** When given: `added` keeps only the objects still live at this third snapshot. */
  stillAt: Snapshot | null;
  byKind: DeltaRow[];
  bySite: DeltaRow[];
  byContext: DeltaRow[];
  total: { count: number; bytes: number };
  /** Objects live at the target and not at the base (and still live at `stillAt`), largest first. */
  added: TraceObject[];
  /** Objects live at the base and gone at the target, largest first. */
  freed: TraceObject[];
}

/**
 * What changed from `base` to `target`. With `stillAt`, `added` answers "allocated between base and target
 * and still live at stillAt" (an object created before target and live at stillAt was live at target too);
 * the delta rows always compare base and target.
 */
export function compareSnapshots(base: Snapshot, target: Snapshot, stillAt: Snapshot | null = null, siteKey?: SiteKey): Comparison {
  const inBase = indexOf(base);
  const inTarget = indexOf(target);
  const inStill = stillAt ? indexOf(stillAt) : null;
  const added: TraceObject[] = [];
  const addedBytes = new Map<TraceObject, number>();
  const freed: TraceObject[] = [];
  const freedBytes = new Map<TraceObject, number>();
  for (let i = 0; i < target.objects.length; i++) {
    const o = target.objects[i]!;
    if (inBase.has(o.id)) continue;
    addedBytes.set(o, target.bytes[i]!);
    if (inStill === null || inStill.has(o.id)) added.push(o);
  }
  for (let i = 0; i < base.objects.length; i++) {
    const o = base.objects[i]!;
    if (inTarget.has(o.id)) continue;
    freedBytes.set(o, base.bytes[i]!);
    freed.push(o);
  }
  const rows = (axis: SnapshotAxis): DeltaRow[] => {
    const b = snapshotTotals(base, axis, siteKey);
    const t = snapshotTotals(target, axis, siteKey);
    const byKey = new Map<string, DeltaRow>();
    const row = (key: string): DeltaRow => {
      let r = byKey.get(key);
      if (!r) {
        const bt = b.get(key) ?? { count: 0, bytes: 0 };
        const tt = t.get(key) ?? { count: 0, bytes: 0 };
        r = { key, base: bt, target: tt, count: tt.count - bt.count, bytes: tt.bytes - bt.bytes, added: { count: 0, bytes: 0 }, freed: { count: 0, bytes: 0 } };
        byKey.set(key, r);
      }
      return r;
    };
    for (const k of b.keys()) row(k);
    for (const k of t.keys()) row(k);
    for (const [o, bytes] of addedBytes) {
      const r = row(axisKey(o, axis, siteKey));
      r.added.count++;
      r.added.bytes += bytes;
    }
    for (const [o, bytes] of freedBytes) {
      const r = row(axisKey(o, axis, siteKey));
      r.freed.count++;
      r.freed.bytes += bytes;
    }
    // Growth first: the site that grew most is what a leak hunt looks for.
    return [...byKey.values()].sort((x, y) => y.bytes - x.bytes || y.count - x.count || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  };
  const bySize = (m: Map<TraceObject, number>) => (x: TraceObject, y: TraceObject) => m.get(y)! - m.get(x)! || x.createdAt - y.createdAt;
  added.sort(bySize(addedBytes));
  freed.sort(bySize(freedBytes));
  return {
    base, target, stillAt,
    byKind: rows('kind'),
    bySite: rows('site'),
    byContext: rows('context'),
    total: { count: target.objects.length - base.objects.length, bytes: target.totalBytes - base.totalBytes },
    added,
    freed,
  };
}

/** Count and bytes per kind of a snapshot, as a trace's summary has them. */
export function snapshotKinds(s: Snapshot): Partial<Record<Kind, KindTotals>> {
  const out: Partial<Record<Kind, KindTotals>> = {};
  for (const [k, t] of snapshotTotals(s, 'kind')) out[k as Kind] = t;
  return out;
}

function indexOf(s: Snapshot): Set<string> {
  const out = new Set<string>();
  for (const o of s.objects) out.add(o.id);
  return out;
}
