// GPU memory budgets, in the manner of Lighthouse CI's: limits on a recording's live bytes, on each kind's
// bytes and count, and on how much any one creation site may grow during the recording. `gpumem record
// --budget` and the Playwright fixture's toStayUnder() check them, and print what went over as a table.
import { formatBytes, formatCount, parseBytes } from './format-bytes';
import { type Kind, KINDS } from './kinds';
import { terminalSafe } from './page-text';
import type { DeltaRow } from './snapshots';
import type { Trace } from './trace-types';

export interface KindBudget {
  bytes?: number;
  count?: number;
}

export interface Budget {
  /** Live bytes of all kinds at the end. */
  bytes?: number;
  perKind: Partial<Record<Kind, KindBudget>>;
  /** Bytes any one creation site may grow by between the recording's start and its end. */
  growthPerSite?: number;
}

export class BudgetError extends Error {
  override name = 'BudgetError';
}

/** One limit that was exceeded. */
export interface BudgetOver {
  /** What was measured: "total bytes", "webgl.texture count", "growth at app.js:10:5". */
  what: string;
  unit: 'bytes' | 'count';
  limit: number;
  actual: number;
}

function byteLimit(v: unknown, at: string): number {
  const n = typeof v === 'number' ? (Number.isInteger(v) && v >= 0 ? v : null) : typeof v === 'string' ? parseBytes(v) : null;
  if (n === null) throw new BudgetError(`${at}: expected bytes, as 4096, "1.5MiB" or "2MB" (found ${JSON.stringify(v)?.slice(0, 40)})`);
  return n;
}

function countLimit(v: unknown, at: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new BudgetError(`${at}: expected a whole number of objects (found ${JSON.stringify(v)?.slice(0, 40)})`);
  return v;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A budget from its JSON: `{ "bytes": "64MiB", "perKind": { "webgl.texture": { "bytes": "32MiB", "count": 200 } },
 * "growthPerSite": 0 }`, every field optional. Throws BudgetError naming the field.
 */
export function parseBudget(json: unknown): Budget {
  if (!isRecord(json)) throw new BudgetError('a budget is a JSON object, as {"bytes": "64MiB", "perKind": {…}, "growthPerSite": 0}');
  for (const key of Object.keys(json)) {
    if (!['bytes', 'perKind', 'growthPerSite'].includes(key)) throw new BudgetError(`${key}: not a budget field (bytes, perKind, growthPerSite)`);
  }
  const b: Budget = { perKind: {} };
  if (json.bytes !== undefined) b.bytes = byteLimit(json.bytes, 'bytes');
  if (json.growthPerSite !== undefined) b.growthPerSite = byteLimit(json.growthPerSite, 'growthPerSite');
  if (json.perKind !== undefined) {
    if (!isRecord(json.perKind)) throw new BudgetError('perKind: expected an object whose keys are kinds, as {"webgl.texture": {"bytes": "32MiB"}}');
    for (const [kind, v] of Object.entries(json.perKind)) {
      const at = `perKind.${kind}`;
      if (!(KINDS as readonly string[]).includes(kind)) throw new BudgetError(`${at}: not a kind (${KINDS.join(', ')})`);
      if (!isRecord(v)) throw new BudgetError(`${at}: expected {"bytes": …, "count": …}`);
      for (const key of Object.keys(v)) if (key !== 'bytes' && key !== 'count') throw new BudgetError(`${at}.${key}: not a limit (bytes, count)`);
      const k: KindBudget = {};
      if (v.bytes !== undefined) k.bytes = byteLimit(v.bytes, `${at}.bytes`);
      if (v.count !== undefined) k.count = countLimit(v.count, `${at}.count`);
      b.perKind[kind as Kind] = k;
    }
  }
  return b;
}

/**
 * The limits `live` (a trace's summary at its end) and `growth` (creation sites' rows from the recording's
 * start to its end) go over; none when within the budget. Growth rows are needed only for growthPerSite.
 */
export function overBudget(b: Budget, live: Trace['summary'], growth: readonly DeltaRow[] = []): BudgetOver[] {
  const over: BudgetOver[] = [];
  if (b.bytes !== undefined && live.totalBytes > b.bytes) over.push({ what: 'total bytes', unit: 'bytes', limit: b.bytes, actual: live.totalBytes });
  for (const kind of KINDS) {
    const k = b.perKind[kind];
    if (!k) continue;
    const t = live.live[kind] ?? { count: 0, bytes: 0 };
    if (k.bytes !== undefined && t.bytes > k.bytes) over.push({ what: `${kind} bytes`, unit: 'bytes', limit: k.bytes, actual: t.bytes });
    if (k.count !== undefined && t.count > k.count) over.push({ what: `${kind} count`, unit: 'count', limit: k.count, actual: t.count });
  }
  if (b.growthPerSite !== undefined) {
    for (const r of growth) {
      if (r.bytes > b.growthPerSite) over.push({ what: `growth ${r.key === '' ? 'at an unknown site' : r.key.startsWith('at ') ? r.key : `at ${r.key}`}`, unit: 'bytes', limit: b.growthPerSite, actual: r.bytes });
    }
  }
  return over;
}

/** What went over, as a table for a terminal (sites are the page's text, made safe). */
export function budgetTable(over: readonly BudgetOver[]): string {
  const fmt = (o: BudgetOver, n: number): string => (o.unit === 'bytes' ? formatBytes(n) : formatCount(n));
  const rows = over.map((o) => [terminalSafe(o.what), fmt(o, o.limit), fmt(o, o.actual), `+${fmt(o, o.actual - o.limit)}`]);
  const head = ['over budget', 'limit', 'actual', 'over by'];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => `  ${r[0]!.padEnd(w[0]!)}  ${r.slice(1).map((c, i) => c.padStart(w[i + 1]!)).join('  ')}`;
  return [line(head), ...rows.map(line)].join('\n');
}
