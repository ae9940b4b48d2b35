// The objects view's rows: the store's objects filtered (text, kind, context, document frame, state),
// sorted by any column, and grouped by creation site, context or kind. Pure, so the panel and its tests
// see the same rows; string keys compare by code unit (a locale compare costs ten times more per row).
import type { Kind } from './kinds';
import { compareKeyed, SortedRows, type SortValue } from './sorted-rows';
import { type AllocationRange, allocatedInRange } from './time-range';
import type { TraceObject } from './trace-types';

export const OBJECT_STATES = ['live', 'leaking', 'released', 'all'] as const;
export type ObjectState = (typeof OBJECT_STATES)[number];
export const SORT_KEYS = ['id', 'kind', 'label', 'bytes', 'peak', 'context', 'frame', 'site', 'age'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const GROUP_BYS = ['none', 'site', 'context', 'kind'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export interface ObjectQuery {
  /** Case-insensitive text found in the id, label, kind, creation site (or the library frame it went through) or context's name. */
  text: string;
  kind: Kind | '';
  context: string;
  /** A document frame's id ('' for all). */
  frame: string;
  state: ObjectState;
  sort: SortKey;
  desc: boolean;
  group: GroupBy;
  /** A chart's time range: only the objects allocated in it and live at its moment (null: any). */
  range: AllocationRange | null;
}

export const DEFAULT_QUERY: ObjectQuery = { text: '', kind: '', context: '', frame: '', state: 'live', sort: 'bytes', desc: true, group: 'none', range: null };

export interface QueryEnv {
  /** Object id -> the rule of an active alert naming it. */
  leaking: ReadonlyMap<string, string>;
  /** A context's name as the view shows it ("webgl2 canvas#a"). */
  contextName: (id: string) => string;
  /** The moment "live" means (ms): an ended recording's last moment; now when absent. */
  at?: number;
}

/** Whether `o` holds memory at the query's moment. */
export function isLive(o: TraceObject, env: QueryEnv): boolean {
  if (env.at === undefined) return o.releasedAt === null;
  return o.createdAt <= env.at && (o.releasedAt === null || o.releasedAt >= env.at);
}

export interface ObjectGroup {
  key: string;
  /** Objects of the group that pass the filters, sorted. */
  objects: TraceObject[];
  count: number;
  /** Bytes its live objects hold now (a released object holds none). */
  bytes: number;
  /** The most bytes the group's objects held at once over the recording (each at its last size). */
  peak: number;
}

/** The objects that pass the query's filters; `state` is left out when `ignoreState`. */
export function filterObjects(objects: Iterable<TraceObject>, q: ObjectQuery, env: QueryEnv, ignoreState = false): TraceObject[] {
  const text = q.text.trim().toLowerCase();
  const out: TraceObject[] = [];
  for (const o of objects) {
    if (q.kind !== '' && o.kind !== q.kind) continue;
    if (q.context !== '' && o.context !== q.context) continue;
    if (q.frame !== '' && o.frame !== q.frame) continue;
    if (q.range !== null && !allocatedInRange(o, q.range)) continue;
    if (!ignoreState && !stateMatches(o, q.state, env)) continue;
    if (text !== '' && !matchesText(o, text, env)) continue;
    out.push(o);
  }
  return out;
}

export function stateMatches(o: TraceObject, state: ObjectState, env: QueryEnv): boolean {
  switch (state) {
    case 'live':
      return isLive(o, env);
    case 'released':
      return o.releasedAt !== null && !isLive(o, env);
    case 'leaking':
      return env.leaking.has(o.id);
    case 'all':
      return true;
  }
}

function matchesText(o: TraceObject, text: string, env: QueryEnv): boolean {
  return (
    o.id.toLowerCase().includes(text) ||
    o.kind.toLowerCase().includes(text) ||
    (o.label ?? '').toLowerCase().includes(text) ||
    (o.site ?? '').toLowerCase().includes(text) ||
    (o.via ?? '').toLowerCase().includes(text) ||
    env.contextName(o.context).toLowerCase().includes(text)
  );
}

/** The value a column sorts by; age sorts by creation time (the oldest is the eldest). */
function sortValue(o: TraceObject, key: SortKey, env: QueryEnv): string | number {
  switch (key) {
    case 'id':
      return o.id;
    case 'kind':
      return o.kind;
    case 'label':
      return o.label ?? '';
    case 'bytes':
      return o.bytes;
    case 'peak':
      return o.peakBytes;
    case 'context':
      return env.contextName(o.context);
    case 'frame':
      return o.frame;
    case 'site':
      return o.site ?? '';
    case 'age':
      return -o.createdAt;
  }
}

/** The rows' order: by `key` (descending when `desc`), ties by creation time, then id: rows do not jump. */
export function compareObjects(key: SortKey, desc: boolean, env: QueryEnv): (a: TraceObject, b: TraceObject) => number {
  const dir = desc ? -1 : 1;
  return (a, b) => {
    const va = sortValue(a, key, env);
    const vb = sortValue(b, key, env);
    if (va !== vb) return va < vb ? -dir : dir;
    return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  };
}

/** Sorts in place in compareObjects' order; each row's key is computed once (a context's name is a lookup). */
export function sortObjects(list: TraceObject[], key: SortKey, desc: boolean, env: QueryEnv): TraceObject[] {
  return sortKeyed(list, key, desc, env).shown;
}

function sortKeyed(list: TraceObject[], key: SortKey, desc: boolean, env: QueryEnv): { shown: TraceObject[]; keys: SortValue[] } {
  const keyed = list.map((o) => ({ o, v: sortValue(o, key, env) }));
  const dir = desc ? -1 : 1;
  keyed.sort((a, b) => compareKeyed(a.v, a.o, b.v, b.o, dir));
  const keys: SortValue[] = new Array(keyed.length);
  for (let i = 0; i < keyed.length; i++) {
    list[i] = keyed[i]!.o;
    keys[i] = keyed[i]!.v;
  }
  return { shown: list, keys };
}

/** A query's rows as of a store revision: what updateRows starts from. */
export interface QueryRows {
  /** Objects passing every filter but the state one (group peaks are taken over them). */
  history: TraceObject[];
  /** The rows shown, sorted. */
  shown: SortedRows;
  /** Each shown row's sort value when it was placed, by id: finds a changed row where it was. */
  placed: Map<string, SortValue>;
}

export function queryRows(objects: Iterable<TraceObject>, q: ObjectQuery, env: QueryEnv): QueryRows {
  const history = filterObjects(objects, q, env, true);
  const { shown, keys } = sortKeyed(
    history.filter((o) => stateMatches(o, q.state, env)),
    q.sort,
    q.desc,
    env,
  );
  const placed = new Map<string, SortValue>();
  for (let i = 0; i < shown.length; i++) placed.set(shown[i]!.id, keys[i]!);
  // Only groups read the history (their peaks): without grouping it is not kept up to date.
  return { history: q.group === 'none' ? [] : history, shown: new SortedRows(shown, keys, q.desc ? -1 : 1), placed };
}

/**
 * The same query's rows after some objects changed (`changed`: their ids, `lookup`: the store's objects
 * now): a changed row is found where it was placed, by its sort value then, and leaves; a changed object
 * that still passes comes in at its sorted place. O(changed × log rows) comparisons and moves within a
 * chunk of rows each, instead of a sort, or a visit, of every row. Valid while the query, its environment
 * and the "leaking" set it may read stay the same. `prev` is spent: its rows change in place. When none of
 * the changed objects was or is among its rows (or, grouped, their history), `prev` itself comes back.
 */
export function updateRows(prev: QueryRows, changed: ReadonlySet<string>, lookup: (id: string) => TraceObject | undefined, q: ObjectQuery, env: QueryEnv): QueryRows {
  if (changed.size === 0) return prev;
  const rows = prev.shown;
  const placed = prev.placed;
  const fresh: TraceObject[] = [];
  let removedAny = false;
  for (const id of changed) {
    const o = lookup(id);
    const was = placed.get(id);
    if (was !== undefined) {
      removedAny = true;
      placed.delete(id);
      // Its creation time and id never change: with its sort value then, it is found where it was put.
      if (o) rows.remove(was, o);
      else rows.removeId(id);
    }
    if (o) fresh.push(o);
  }
  const passing = filterObjects(fresh, q, env, true);
  let history = prev.history;
  if (q.group !== 'none') {
    history = prev.history.filter((o) => !changed.has(o.id));
    // Nothing the rows hold changed: the same rows, so a view may keep what it made of them (its groups).
    if (!removedAny && passing.length === 0 && history.length === prev.history.length) return prev;
    for (const o of passing) history.push(o);
  } else if (!removedAny && passing.length === 0) return prev;
  for (const o of passing) {
    if (!stateMatches(o, q.state, env)) continue;
    const v = sortValue(o, q.sort, env);
    rows.insert(v, o);
    placed.set(o.id, v);
  }
  rows.reindex();
  return { history, shown: rows, placed };
}

export function groupKeyOf(o: TraceObject, by: GroupBy): string {
  switch (by) {
    case 'site':
      return o.site ?? '';
    case 'context':
      return o.context;
    case 'kind':
      return o.kind;
    case 'none':
      return '';
  }
}

/**
 * Groups the shown objects (sorted already) by `by`; each group's peak is taken over `history`, the
 * objects passing every filter but the state one, so that a group of live objects still shows the most
 * it ever held. Groups sort by bytes then count (by peak with the peak column's sort), or by name with a
 * name column's sort, in the query's direction.
 */
export function groupObjects(shown: readonly TraceObject[], history: readonly TraceObject[], q: ObjectQuery, env: QueryEnv): ObjectGroup[] {
  const groups = new Map<string, ObjectGroup>();
  for (const o of shown) {
    const key = groupKeyOf(o, q.group);
    let g = groups.get(key);
    if (!g) {
      g = { key, objects: [], count: 0, bytes: 0, peak: 0 };
      groups.set(key, g);
    }
    g.objects.push(o);
    g.count++;
    if (isLive(o, env)) g.bytes += o.bytes;
  }
  const steps = new Map<string, { t: number; d: number }[]>();
  for (const o of history) {
    const key = groupKeyOf(o, q.group);
    if (!groups.has(key)) continue;
    let s = steps.get(key);
    if (!s) {
      s = [];
      steps.set(key, s);
    }
    s.push({ t: o.createdAt, d: o.bytes });
    if (o.releasedAt !== null) s.push({ t: o.releasedAt, d: -o.bytes });
  }
  for (const [key, s] of steps) {
    // At equal times releases go first: an object replaced in one step does not count twice.
    s.sort((a, b) => a.t - b.t || a.d - b.d);
    let held = 0;
    let peak = 0;
    for (const step of s) {
      held += step.d;
      if (held > peak) peak = held;
    }
    const g = groups.get(key)!;
    g.peak = Math.max(peak, g.bytes);
  }
  const list = [...groups.values()];
  const byName = q.sort === 'site' || q.sort === 'context' || q.sort === 'kind' || q.sort === 'label' || q.sort === 'id';
  const name = (g: ObjectGroup): string => (q.group === 'context' ? env.contextName(g.key) : g.key);
  const dir = q.desc ? -1 : 1;
  list.sort((a, b) => {
    if (byName) return name(a) < name(b) ? -dir : name(a) > name(b) ? dir : 0;
    if (q.sort === 'peak') return dir * (a.peak - b.peak) || dir * (a.count - b.count);
    return dir * (a.bytes - b.bytes) || dir * (a.count - b.count);
  });
  return list;
}
