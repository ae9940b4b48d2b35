// The Snapshots sidebar: the recording's snapshots with their time and totals, and the comparison of two
// of them (optionally with a third: "allocated between 1 and 2 and still live at 3"), per kind and per
// creation site; choosing a row lists its objects in the objects view. Sites came from the page: text only.
import { useMemo, useState } from 'preact/hooks';
import { compareSnapshots, type DeltaRow, formatBytes, formatCount, type Kind, MAX_SNAPSHOT_OBJECTS, MAX_SNAPSHOTS, type SessionStore, shortSite, type Snapshot } from '../../src/model/model';
import { kindColor } from './kind-colors';
import { isolated, PageText } from './page-text';
import type { Scope } from './scope';

interface Props {
  store: SessionStore;
  /** Null when snapshots can be taken now, else why not (an ended recording, a trace file). */
  cannotTake: string | null;
  taking: boolean;
  onTake: () => void;
  /** The scope the objects view shows, to mark the row it came from. */
  scopeKey: string | null;
  /** Snapshots of this recording lost with a restart of the extension's service worker. */
  lost: number;
  onScope: (s: Scope | null) => void;
}

/** Creation sites listed per comparison: the most grown first. */
const MAX_SITES = 50;

const signed = (n: number): string => (n > 0 ? `+${n}` : String(n));
const signedBytes = (n: number): string => (n > 0 ? `+${formatBytes(n)}` : n < 0 ? `−${formatBytes(-n)}` : '0 B');

export const SNAPSHOT_SHORTCUT = 'Ctrl+Shift+S';

export function SnapshotsView({ store, cannotTake, taking, onTake, scopeKey, onScope, lost }: Props) {
  const snaps = store.snapshots;
  const [baseId, setBase] = useState<string | null>(null);
  const [targetId, setTarget] = useState<string | null>(null);
  const [stillId, setStill] = useState('');
  const find = (id: string | null): Snapshot | undefined => (id === null ? undefined : snaps.find((s) => s.id === id));
  // Until the user picks, the first two snapshots (and no third).
  const base = find(baseId) ?? snaps[0];
  const target = find(targetId) ?? snaps[1];
  const still = find(stillId) ?? null;
  const c = useMemo(
    () => (base && target && base !== target ? compareSnapshots(base, target, still) : null),
    [base, target, still, snaps.length],
  );

  const show = (key: string, title: string, objects: Scope['objects']): void => {
    if (scopeKey === key) onScope(null);
    else onScope({ key, title, objects, exact: true, group: 'site' });
  };
  const contextName = (id: string): string => {
    const x = store.contexts.get(id);
    return x ? `${x.api} ${x.canvas}` : id;
  };
  const stillText = still ? ` and still live at ${still.name}` : '';
  const option = (s: Snapshot) => <option key={s.id} value={s.id}>{isolated(`${s.name} (${(s.t / 1000).toFixed(1)} s)`)}</option>;

  return (
    <section class="snapshots" data-testid="snapshots">
      <h3>
        Snapshots{' '}
        <button
          data-testid="take-snapshot"
          disabled={cannotTake !== null || taking}
          title={cannotTake ?? `Snapshot the objects live now, after every frame has sent what it did (${SNAPSHOT_SHORTCUT})`}
          onClick={onTake}
        >
          {taking ? 'taking…' : 'Take snapshot'}
        </button>
      </h3>
      {snaps.length === 0 ? (
        <p class="note" data-testid="snapshots-empty">
          {cannotTake === null
            ? `No snapshots yet. Take one (${SNAPSHOT_SHORTCUT}) before and after an action, say a route change and back, then compare them: what the second holds and the first did not is what the action left behind.`
            : 'This recording has no snapshots.'}
        </p>
      ) : (
        <ol class="snapshot-list">
          {snaps.map((s) => {
            const key = `snap:${s.id}`;
            return (
              <li key={s.id} data-testid="snapshot" data-id={s.id} data-count={s.objects.length} data-bytes={s.totalBytes}>
                <button class={`link${scopeKey === key ? ' chosen' : ''}`} title="List the objects live in this snapshot" onClick={() => show(key, `the ${s.objects.length} objects live at ${s.name}`, s.objects)}>
                  <PageText text={s.name} max={60} />
                </button>{' '}
                <span class="note">{(s.t / 1000).toFixed(1)} s · {s.objects.length} objects · {formatBytes(s.totalBytes)}</span>
              </li>
            );
          })}
        </ol>
      )}
      {lost > 0 && (
        <p class="note" data-testid="snapshots-lost">
          {lost} snapshots taken earlier were lost when the extension's service worker restarted: it keeps them in memory only. Take them again to compare.
        </p>
      )}
      {store.droppedSnapshots > 0 && (
        <p class="note" data-testid="snapshots-dropped">
          {store.droppedSnapshots} more snapshots were not kept: a recording keeps {MAX_SNAPSHOTS}, holding {formatCount(MAX_SNAPSHOT_OBJECTS)} objects together at most.
        </p>
      )}
      {snaps.length >= 2 && base && target && (
        <div class="compare" data-testid="compare">
          <div class="compare-pick">
          <label>
            compare{' '}
            <select data-testid="compare-base" value={base.id} onChange={(e) => setBase((e.target as HTMLSelectElement).value)}>{snaps.map(option)}</select>
          </label>{' '}
          <label>
            →{' '}
            <select data-testid="compare-target" value={target.id} onChange={(e) => setTarget((e.target as HTMLSelectElement).value)}>{snaps.map(option)}</select>
          </label>{' '}
          <label title="Keep only the objects new at the target that are still live at this snapshot: allocated between the two and never freed since">
            new objects still live at{' '}
            <select data-testid="compare-still" value={still?.id ?? ''} onChange={(e) => setStill((e.target as HTMLSelectElement).value)}>
              <option value="">(the target)</option>
              {snaps.map(option)}
            </select>
          </label>
          </div>
          {c === null ? (
            <p class="note">Choose two different snapshots.</p>
          ) : (
            <>
              <p data-testid="compare-total" data-count={c.total.count} data-bytes={c.total.bytes}>
                {base.name} → {target.name}: <strong>{signed(c.total.count)} objects, {signedBytes(c.total.bytes)}</strong>{' '}
                <button class={`link${scopeKey === 'cmp:added' ? ' chosen' : ''}`} data-testid="show-added" onClick={() => show('cmp:added', still ? `the ${c.added.length} objects new at ${target.name} and still live at ${still.name}` : `the ${c.added.length} objects new at ${target.name}`, c.added)}>
                  {c.added.length} new{still ? ` still live at ${still.name}` : ''}
                </button>{' · '}
                <button class={`link${scopeKey === 'cmp:freed' ? ' chosen' : ''}`} data-testid="show-freed" onClick={() => show('cmp:freed', `the ${c.freed.length} objects live at ${base.name} and freed by ${target.name}`, c.freed)}>
                  {c.freed.length} freed
                </button>
              </p>
              <DeltaTable testid="compare-kinds" title="kind" rows={c.byKind} label={(k) => <><span class="swatch" style={{ background: kindColor(k as Kind) }} />{k}</>}
                onRow={(r) => show(`kind:${r.key}`, `the ${r.key} objects new at ${target.name}${stillText}`, c.added.filter((o) => o.kind === r.key))} scopeKey={scopeKey} prefix="kind:" />
              <DeltaTable testid="compare-sites" title="creation site" rows={c.bySite.slice(0, MAX_SITES)} label={(k) => <PageText text={shortSite(k)} max={80} />}
                onRow={(r) => show(`site:${r.key}`, `the objects new at ${target.name}${stillText} created at ${shortSite(r.key)}`, c.added.filter((o) => (o.site ?? '(no creation stack)') === r.key))} scopeKey={scopeKey} prefix="site:" />
              {c.bySite.length > MAX_SITES && <p class="note">{c.bySite.length - MAX_SITES} more creation sites, with less growth</p>}
              <DeltaTable testid="compare-contexts" title="context" rows={c.byContext} label={(k) => <PageText text={contextName(k)} max={60} />}
                onRow={(r) => show(`ctx:${r.key}`, `the objects new at ${target.name}${stillText} in ${contextName(r.key)}`, c.added.filter((o) => o.context === r.key))} scopeKey={scopeKey} prefix="ctx:" />
            </>
          )}
        </div>
      )}
    </section>
  );
}

function DeltaTable({ testid, title, rows, label, onRow, scopeKey, prefix }: {
  testid: string;
  title: string;
  rows: DeltaRow[];
  label: (key: string) => preact.ComponentChildren;
  onRow: (r: DeltaRow) => void;
  scopeKey: string | null;
  prefix: string;
}) {
  return (
    <table class="deltas" data-testid={testid}>
      <thead>
        <tr>
          <th>{title}</th>
          <th class="num" title="Objects live at the base and at the target">count</th>
          <th class="num" title="Change in live objects">Δ count</th>
          <th class="num" title="Change in bytes held">Δ bytes</th>
          <th class="num" title="Objects live at the target and not at the base (choose the row to list them)">new</th>
          <th class="num" title="Objects live at the base and not at the target">freed</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-key={r.key} data-count={r.count} data-bytes={r.bytes} data-added={r.added.count} data-freed={r.freed.count}
            class={`${r.bytes > 0 ? 'grew' : r.bytes < 0 ? 'shrank' : ''}${scopeKey === prefix + r.key ? ' chosen' : ''}`}
            title="List the objects of this row that are new at the target" onClick={() => onRow(r)}>
            <td>{label(r.key)}</td>
            <td class="num">{r.base.count} → {r.target.count}</td>
            <td class="num">{signed(r.count)}</td>
            <td class="num" title={`${r.bytes} bytes`}>{signedBytes(r.bytes)}</td>
            <td class="num" title={`${r.added.bytes} bytes`}>{r.added.count}</td>
            <td class="num" title={`${r.freed.bytes} bytes`}>{r.freed.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
