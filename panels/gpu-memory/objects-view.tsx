// The objects view: every object of the recording (or of a chosen alert), filtered by text, kind,
// context and state, sorted by any column, optionally grouped by creation site, context or kind, in a
// virtualized grid (only the rows in view are in the DOM) that the keyboard drives; a chosen object opens
// its details below. Every string in it came from the page and is shown as text.
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  type AllocationRange,
  clip,
  DEFAULT_QUERY,
  formatBytes,
  GROUP_BYS,
  groupObjects,
  isLive,
  type Kind,
  type ObjectGroup,
  type ObjectQuery,
  OBJECT_STATES,
  type QueryEnv,
  type QueryRows,
  queryRows,
  type SessionStore,
  shortSite,
  type SortKey,
  type TraceObject,
  updateRows,
} from '../../src/model/model';
import { ObjectDetails } from './object-details';
import { isolated, PageText } from './page-text';
import type { Scope } from './scope';
import { useVirtualRows } from './use-virtual-rows';

const ROW_HEIGHT = 21;

type Row = { type: 'group'; group: ObjectGroup; open: boolean } | { type: 'object'; o: TraceObject; nested: boolean };

interface Props {
  store: SessionStore;
  /** An alert's objects, a snapshot's, a comparison's or a time range's; null for all the recording's objects. */
  scope: Scope | null;
  /** A document frame's id, or '' for all. */
  frame: string;
  /** ms since the recording's start: ages are counted to it. */
  now: number;
  /** An ended recording's last moment: "live" means live then. */
  at: number | null;
  /** Object id -> the rule of an active alert that names it. */
  leaking: ReadonlyMap<string, string>;
  frameLabel: (frame: string) => string;
  /** Changes whenever the store does: the rows are computed again only then. */
  revision: number;
  /** A chart's time range: only the objects allocated in it and live at its moment, released ones too. */
  range?: AllocationRange | null;
  /** Drawn above the filters with the rows' count and the bytes they hold (a time range's summary). */
  banner?: (count: number, bytes: number) => ComponentChildren;
}

const COLUMNS: { key: SortKey; label: string; title: string; num?: boolean }[] = [
  { key: 'id', label: 'id', title: 'The object, numbered per document' },
  { key: 'kind', label: 'kind', title: 'The API object kind' },
  { key: 'label', label: 'label', title: 'The WebGPU label, as last set' },
  { key: 'bytes', label: 'bytes', title: 'GPU memory it holds now', num: true },
  { key: 'peak', label: 'peak', title: 'The most it held at once', num: true },
  { key: 'context', label: 'context', title: 'The WebGL context or WebGPU device that owns it, and its canvas' },
  { key: 'frame', label: 'document', title: 'The document (the top document or an iframe) that made it' },
  { key: 'site', label: 'created at', title: 'Where the page created it (the whole stack in its details)' },
  { key: 'age', label: 'age', title: 'Age: time since it was created, to now (or to the end of an earlier page load); released objects say why they went' },
];

const GROUP_LABELS: Record<(typeof GROUP_BYS)[number], string> = { none: 'no grouping', site: 'creation site', context: 'context / canvas / device', kind: 'kind' };
const STATE_LABELS: Record<(typeof OBJECT_STATES)[number], string> = { live: 'live', leaking: 'named by an alert', released: 'released', all: 'live and released' };

export function ObjectsView({ store, scope, frame, now, at, leaking, frameLabel, revision, range = null, banner }: Props) {
  const [query, setQuery] = useState<ObjectQuery>(DEFAULT_QUERY);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [active, setActive] = useState(0);
  const [chosen, setChosen] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const set = (over: Partial<ObjectQuery>): void => setQuery((q) => ({ ...q, ...over }));

  const contextName = (id: string): string => {
    const c = store.contexts.get(id);
    return c ? `${c.api} ${c.canvas}` : id;
  };
  const env: QueryEnv = at === null ? { leaking, contextName } : { leaking, contextName, at };

  // The last rows computed: while only objects change, the next rows come from them (updateRows) instead
  // of a filter and sort of every object.
  const last = useRef<{ key: string; revision: number; store: SessionStore; rows: QueryRows; groups: ObjectGroup[] | null; bytes: number } | null>(null);
  // A scope that asks for a grouping gets it when chosen, and a time range groups by creation site, as the
  // Memory panel's allocation timeline does; the user may change it.
  const rangeKey = range ? `${range.from}:${range.to}` : '';
  useEffect(() => {
    if (scope?.group) set({ group: scope.group });
  }, [scope?.key]);
  useEffect(() => {
    if (range) set({ group: 'site' });
  }, [rangeKey]);
  const { count, rowAt, shown, groups, bytes } = useMemo(() => {
    const q: ObjectQuery = { ...query, frame, range, ...(scope?.exact || range ? { state: 'all' } : {}) };
    const key = `${JSON.stringify(q)}|${at ?? ''}`;
    const prev = last.current;
    const incremental = scope === null && at === null && q.state !== 'leaking' && prev !== null && prev.key === key && prev.store === store;
    const changed = incremental ? store.changedSince(prev.revision) : null;
    const result = prev && changed ? updateRows(prev.rows, changed, (id) => store.objects.get(id), q, env) : queryRows(scope?.objects ?? store.objects.values(), q, env);
    const shown = result.shown;
    // The same rows as last time (nothing they hold changed): their groups and bytes stand.
    const same = prev !== null && result === prev.rows;
    const groups = q.group === 'none' ? null : same && prev.groups ? prev.groups : groupObjects(shown.toArray(), result.history, q, env);
    let bytes = same ? prev.bytes : 0;
    if (!same && banner) for (let i = 0; i < shown.length; i++) bytes += isLive(shown.at(i)!, env) ? shown.at(i)!.bytes : 0;
    last.current = scope === null ? { key, revision: store.revision, store, rows: result, groups, bytes } : null;
    if (groups === null) {
      // No wrapper per row: a row is made when it is drawn.
      return { count: shown.length, rowAt: (i: number): Row => ({ type: 'object', o: shown.at(i)!, nested: false }), shown, groups, bytes };
    }
    const flat: Row[] = [];
    for (const g of groups) {
      const isOpen = open.has(g.key);
      flat.push({ type: 'group', group: g, open: isOpen });
      if (isOpen) for (const o of g.objects) flat.push({ type: 'object', o, nested: true });
    }
    return { count: flat.length, rowAt: (i: number): Row => flat[i]!, shown, groups, bytes };
    // The leaking map is new at each redraw; only the "named by an alert" filter reads it here.
  }, [revision, query, frame, scope, store, at, query.state === 'leaking' ? leaking : null, open, range]);

  const v = useVirtualRows(scroller, count, ROW_HEIGHT);
  const activeRow = Math.min(active, count - 1);
  const chosenObject = chosen === null ? undefined : store.objects.get(chosen);

  const toggle = (key: string): void =>
    setOpen((s) => {
      const n = new Set(s);
      if (n.has(key)) n.delete(key);
      else n.add(key);
      return n;
    });
  const moveTo = (i: number): void => {
    const to = Math.max(0, Math.min(count - 1, i));
    setActive(to);
    v.scrollToIndex(to, { align: 'auto' });
  };
  const activate = (row: Row | undefined): void => {
    if (!row) return;
    if (row.type === 'group') toggle(row.group.key);
    else setChosen(row.o.id);
  };
  const onKey = (e: KeyboardEvent): void => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 200) / ROW_HEIGHT) - 1);
    const row = activeRow >= 0 ? rowAt(activeRow) : undefined;
    switch (e.key) {
      case 'ArrowDown': moveTo(activeRow + 1); break;
      case 'ArrowUp': moveTo(activeRow - 1); break;
      case 'PageDown': moveTo(activeRow + page); break;
      case 'PageUp': moveTo(activeRow - page); break;
      case 'Home': moveTo(0); break;
      case 'End': moveTo(count - 1); break;
      case 'Enter':
      case ' ': activate(row); break;
      case 'ArrowRight': if (row?.type === 'group' && !row.open) toggle(row.group.key); break;
      case 'ArrowLeft':
        if (row?.type === 'group' && row.open) toggle(row.group.key);
        else if (row?.type === 'object' && row.nested) {
          // To the row's group.
          for (let i = activeRow; i >= 0; i--) if (rowAt(i).type === 'group') return void (moveTo(i), e.preventDefault());
        }
        break;
      case 'Escape': setChosen(null); break;
      default: return;
    }
    e.preventDefault();
  };

  const kinds = [...new Set([...store.live.keys(), ...store.churned.keys()])].sort() as Kind[];
  const items = v.getVirtualItems();
  const padTop = items.length > 0 ? items[0]!.start : 0;
  const padBottom = items.length > 0 ? v.getTotalSize() - items[items.length - 1]!.end : 0;
  const onSort = (key: SortKey): void => set({ sort: key, desc: query.sort === key ? !query.desc : key === 'bytes' || key === 'peak' || key === 'age' });

  return (
    <div class="objects-view">
      {banner?.(shown.length, bytes)}
      <div class="filters" role="search">
        <input
          type="search"
          data-testid="objects-filter"
          placeholder="Filter: id, label, kind, site, context"
          aria-label="Filter objects by id, label, kind, creation site or context"
          value={query.text}
          onInput={(e) => set({ text: (e.target as HTMLInputElement).value })}
        />
        <select data-testid="objects-kind" aria-label="Kind" value={query.kind} onChange={(e) => set({ kind: (e.target as HTMLSelectElement).value as Kind | '' })}>
          <option value="">all kinds</option>
          {kinds.map((k) => <option key={k} value={k}>{k}</option>)}
        </select>
        <select data-testid="objects-context" aria-label="Context" value={query.context} onChange={(e) => set({ context: (e.target as HTMLSelectElement).value })}>
          <option value="">all contexts</option>
          {[...store.contexts.values()].filter((c) => !c.worker).map((c) => <option key={c.id} value={c.id}>{isolated(`${c.api} ${c.canvas}`, 60)}</option>)}
        </select>
        <select data-testid="objects-state" aria-label="State" value={scope?.exact || range ? 'all' : query.state} disabled={scope?.exact || range !== null}
          title={scope?.exact || range ? 'The list is exactly the chosen objects, live or released' : undefined} onChange={(e) => set({ state: (e.target as HTMLSelectElement).value as ObjectQuery['state'] })}>
          {OBJECT_STATES.map((s) => <option key={s} value={s}>{STATE_LABELS[s]}</option>)}
        </select>
        <label>
          group by{' '}
          <select data-testid="objects-group" value={query.group} onChange={(e) => set({ group: (e.target as HTMLSelectElement).value as ObjectQuery['group'] })}>
            {GROUP_BYS.map((g) => <option key={g} value={g}>{GROUP_LABELS[g]}</option>)}
          </select>
        </label>
        <span class="note" data-testid="objects-count">
          {groups ? `${groups.length} groups, ` : ''}
          {shown.length} objects
        </span>
      </div>
      <div
        class="grid-scroll"
        ref={scroller}
        tabIndex={0}
        role="grid"
        aria-label="GPU objects"
        aria-rowcount={count + 1}
        aria-activedescendant={count > 0 ? `obj-row-${activeRow}` : undefined}
        onKeyDown={onKey}
        data-testid="objects-scroll"
      >
        <table class="objects" data-testid="objects" data-rows={shown.length} data-grouped={groups ? 'yes' : 'no'}>
          <thead>
            <tr role="row">
              {COLUMNS.map((c) => (
                <th key={c.key} role="columnheader" aria-sort={query.sort === c.key ? (query.desc ? 'descending' : 'ascending') : 'none'} class={c.num ? 'num' : ''}>
                  <button class="sort" data-sort={c.key} title={`${c.title}. Sort by ${c.label}`} onClick={() => onSort(c.key)}>
                    {c.label}
                    {query.sort === c.key ? (query.desc ? ' ▾' : ' ▴') : ''}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {padTop > 0 && <tr class="pad" aria-hidden="true" style={{ height: `${padTop}px` }} />}
            {items.map((it) => {
              const row = rowAt(it.index);
              const cls = it.index === activeRow ? ' active' : '';
              if (row.type === 'group') return <GroupRow key={`g:${row.group.key}`} index={it.index} row={row} cls={cls} by={query.group} contextName={contextName} onToggle={() => { setActive(it.index); toggle(row.group.key); }} />;
              const o = row.o;
              const leak = leaking.get(o.id);
              const live = isLive(o, env);
              return (
                <tr
                  key={o.id}
                  id={`obj-row-${it.index}`}
                  role="row"
                  aria-rowindex={it.index + 2}
                  aria-selected={o.id === chosen}
                  data-id={o.id}
                  data-kind={o.kind}
                  data-bytes={o.bytes}
                  data-leak={leak ?? ''}
                  class={`${live ? '' : 'released'}${row.nested ? ' nested' : ''}${cls}${o.id === chosen ? ' chosen' : ''}`}
                  onClick={() => { setActive(it.index); setChosen(o.id); }}
                >
                  <td class="mono">
                    {o.id}
                    {leak && <span class="badge warning" title={`named by an active ${leak} alert`}>leak</span>}
                  </td>
                  <td>{o.kind}</td>
                  <td class="label" data-testid="label"><PageText text={o.label ?? ''} max={60} /></td>
                  <td class="num" title={`${o.bytes} bytes`}>{formatBytes(o.bytes)}</td>
                  <td class="num" title={`${o.peakBytes} bytes`}>{formatBytes(o.peakBytes)}</td>
                  <td data-col="context"><PageText text={contextName(o.context)} max={60} /></td>
                  <td data-col="frame"><PageText text={frameLabel(o.frame)} max={60} /></td>
                  <td data-col="site" class="mono" title={o.stack ?? 'not captured'}>
                    <bdi>{o.site ? clip(shortSite(o.site), 80) : ''}</bdi>
                    {o.via && <span class="via"> via <bdi>{clip(shortSite(o.via), 60)}</bdi></span>}
                  </td>
                  <td class="num">{live ? `${((now - o.createdAt) / 1000).toFixed(1)} s` : `released${o.releaseReason ? ` (${o.releaseReason})` : ''}`}</td>
                </tr>
              );
            })}
            {padBottom > 0 && <tr class="pad" aria-hidden="true" style={{ height: `${padBottom}px` }} />}
          </tbody>
        </table>
        {count === 0 && <p class="note" data-testid="objects-empty">No objects match.</p>}
      </div>
      {chosenObject && <ObjectDetails store={store} object={chosenObject} frameLabel={frameLabel} onClose={() => setChosen(null)} />}
    </div>
  );
}

function GroupRow({ row, index, cls, by, contextName, onToggle }: {
  row: Extract<Row, { type: 'group' }>;
  index: number;
  cls: string;
  by: ObjectQuery['group'];
  contextName: (id: string) => string;
  onToggle: () => void;
}) {
  const g = row.group;
  const name = by === 'site' ? (g.key ? shortSite(g.key) : 'unknown creation site') : by === 'context' ? contextName(g.key) : g.key;
  return (
    <tr id={`obj-row-${index}`} role="row" aria-rowindex={index + 2} aria-expanded={row.open} class={`group${cls}`} data-group={g.key} data-count={g.count} data-bytes={g.bytes} data-peak={g.peak} onClick={onToggle}>
      <td colSpan={3} title={by === 'site' ? g.key : undefined}>
        <span class="twisty" aria-hidden="true">{row.open ? '▾' : '▸'}</span> <PageText text={name} max={100} />
      </td>
      <td class="num">{formatBytes(g.bytes)}</td>
      <td class="num">{formatBytes(g.peak)}</td>
      <td colSpan={4} class="note">{g.count} objects</td>
    </tr>
  );
}
