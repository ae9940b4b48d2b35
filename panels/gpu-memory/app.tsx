// The panel's root view: recordings, charts, totals, leaks, snapshots, objects, document filter, export
// and trace files opened beside the tab's recording. It redraws through one throttle (redraw.ts) and,
// while DevTools shows another panel, neither draws nor applies data. With no tab (tabId null) it is the
// trace viewer: the same views over the trace files the user opens.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { badgeAlerts, chromeTracePieces, formatBytes, liveAt, formatCount, type Kind, type KindTotals, lossLines, TOOL, traceJsonPieces, type Trace } from '../../src/model/model';
import { Connection } from './connection';
import { ContextNotices } from './context-notices';
import { downloadPieces } from './download';
import { Feed, type FeedState, MAX_PAST_RECORDINGS, type PastRecording } from './feed';
import { KindChart } from './kind-chart';
import { LeaksView } from './leaks-view';
import { ObjectsView } from './objects-view';
import { type OpenedTrace, openTraceFile } from './open-trace';
import { RangeBar, type TimeRange } from './range-bar';
import type { Scope } from './scope';
import { SnapshotsView } from './snapshots-view';
import { isolated, PageText } from './page-text';
import { drawCommitted, drawStart } from './perf';
import { Redraw } from './redraw';
import { TotalsTable } from './totals-table';
import { watchVisibility } from './visibility';

/** A viewer has no feed: its state reads as a complete recording. */
const NO_FEED: FeedState = { loaded: 0, total: 0, synced: true, tabClosed: false, error: '' };

export function App({ tabId }: { tabId: number | null }) {
  const feedRef = useRef<Feed | null>(null);
  const connRef = useRef<Connection | null>(null);
  const [version, setVersion] = useState(0);
  const [frame, setFrame] = useState('all');
  const [status, setStatus] = useState('');
  const [exporting, setExporting] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [connected, setConnected] = useState(true);
  /** An earlier page load's recording the user chose to look at; null: the current one. */
  const [viewing, setViewing] = useState<PastRecording | null>(null);
  /** Trace files opened in this panel, newest first. */
  const [opened, setOpened] = useState<OpenedTrace[]>([]);
  const [opening, setOpening] = useState(false);
  const [openError, setOpenError] = useState('');
  /** What the objects view lists besides an alert's objects: a snapshot or a comparison's part. */
  const [picked, setPicked] = useState<Scope | null>(null);
  /** The chart range whose allocations the objects view lists. */
  const [range, setRange] = useState<TimeRange | null>(null);
  const [taking, setTaking] = useState(false);

  const [onScreen, setOnScreen] = useState(true);

  useEffect(() => {
    if (tabId === null) return;
    // One throttle for every reason to redraw (redraw.ts); the feed pauses while the panel is hidden.
    const redraw = new Redraw(() => {
      drawStart();
      setVersion((v) => v + 1);
    });
    const feed = new Feed(
      (now) => redraw.request(now),
      () => connRef.current?.resubscribe(),
    );
    feedRef.current = feed;
    connRef.current = new Connection(
      tabId,
      (m) => {
        setConnected(true);
        feed.push(m);
      },
      () => setConnected(false),
    );
    const stop = watchVisibility((on) => {
      feed.setPaused(!on);
      connRef.current?.setShown(on);
      redraw.setShown(on);
      setOnScreen(on);
    });
    return () => {
      stop();
      redraw.dispose();
    };
  }, [tabId]);

  // Every commit ends a redraw's main part (perf.ts; a commit without a redraw records nothing).
  useLayoutEffect(() => drawCommitted());

  const feed = feedRef.current;
  const store = viewing?.store ?? feed?.store;
  const file = viewing && 'name' in viewing ? (viewing as OpenedTrace) : null;
  const frames = store ? [...store.frames.values()] : [];
  const frameLabel = (id: string): string => {
    const f = store?.frames.get(id);
    return f ? `${f.frameId === 0 ? 'top document' : `iframe ${f.frameId}`} ${shortUrl(f.url)}` : id;
  };
  // While a recording's history loads, the object list waits: walking every object at each redraw would
  // slow the load it is waiting for (bench/large-recording.mjs).
  const synced = viewing !== null || feed?.state.synced === true;
  const view = (r: PastRecording | null): void => {
    setViewing(r);
    setSelected(null);
    setPicked(null);
    setRange(null);
  };
  const openFile = async (f: File | undefined): Promise<void> => {
    if (!f || opening) return;
    setOpening(true);
    setOpenError('');
    setStatus(`opening ${f.name}…`);
    try {
      const t = await openTraceFile(f, (share) => setStatus(`opening ${f.name}: ${Math.round(share * 100)} % of its events`));
      setOpened((list) => [t, ...list]);
      view(t);
      setStatus(`opened ${f.name}: ${formatCount(t.store.events.length)} events, ${formatCount(t.store.objects.size)} objects`);
    } catch (e) {
      // The recording shown stays as it was: nothing of the file is kept.
      setOpenError(`could not open ${f.name}: ${(e as Error).message}`);
      setStatus('');
    } finally {
      setOpening(false);
    }
  };
  // Snapshots are taken of the tab's live recording only, through the background (so the background's
  // copy, which exports and the badge read, has them too).
  const cannotTake = tabId === null || file ? 'A trace file keeps the snapshots it was saved with'
    : viewing ? 'An earlier page load has ended: snapshots are taken of the current one'
      : feed?.state.tabClosed ? 'The tab was closed' : !connected ? 'Not connected to the extension' : null;
  const takeSnapshot = async (): Promise<void> => {
    const conn = connRef.current;
    if (!conn || cannotTake !== null || taking) return;
    setTaking(true);
    try {
      const s = await conn.snapshot();
      await feedRef.current?.idle();
      setStatus(`took ${s.name}`);
    } catch (e) {
      setStatus(`snapshot failed: ${(e as Error).message}`);
    } finally {
      setTaking(false);
    }
  };
  const takeRef = useRef(takeSnapshot);
  takeRef.current = takeSnapshot;
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && e.shiftKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void takeRef.current();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  // An earlier page load shows what the page held when it was left, before its unload released it all.
  const live = useMemo(() => {
    // All documents of the current load: the store's own totals serve, no walk of every object.
    if (!store || !synced || (frame === 'all' && !viewing)) return [];
    const all = viewing ? liveAt(store.objects.values(), viewing.heldAt) : store.liveObjects();
    return frame === 'all' ? all : all.filter((o) => o.frame === frame);
  }, [store?.revision, frame, store, synced, viewing]);
  const alerts = useMemo(() => (store ? [...store.rules.alerts.values()] : []), [version, store]);
  const leaking = useMemo(() => {
    const m = new Map<string, string>();
    for (const a of alerts) if (a.resolvedAt === null && a.severity !== 'info') for (const id of a.objects) m.set(id, a.rule);
    return m;
  }, [alerts]);
  // The chart range as the objects view filters by it: one object while the range stays, so the view keeps
  // updating its rows from the store's changes instead of computing them again.
  const rangeLiveAt = range === null ? null : range.liveAt === 'end' ? range.to : viewing ? viewing.heldAt : null;
  const allocRange = useMemo(
    () => (range ? { from: range.from, to: range.to, liveAt: rangeLiveAt } : null),
    [range, rangeLiveAt],
  );
  const fileInput = (
    <label class="button" title="Open a trace file (.json or .json.gz) written by Export trace or gpumem record; you can also drop one on the panel">
      {opening ? 'opening…' : 'Open trace'}
      <input type="file" accept=".json,.gz,application/json,application/gzip" data-testid="open-trace-file" disabled={opening}
        onChange={(e) => {
          const input = e.target as HTMLInputElement;
          void openFile(input.files?.[0]).then(() => (input.value = ''));
        }} />
    </label>
  );
  const onDrop = (e: DragEvent): void => {
    const f = e.dataTransfer?.files[0];
    if (!f) return;
    e.preventDefault();
    void openFile(f);
  };
  const onDragOver = (e: DragEvent): void => {
    if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
  };
  if (!store) {
    if (tabId !== null) return null;
    return (
      <div class="panel viewer-empty" data-testid="viewer" onDrop={onDrop} onDragOver={onDragOver}>
        <header>
          <strong>GPU Memory trace viewer</strong>
          {fileInput}
          <span class="status" data-testid="status">{status}</span>
        </header>
        {openError && <p class="error" role="alert" data-testid="open-error"><PageText text={openError} max={600} /></p>}
        <section class="empty">
          <p><strong>Open a trace to look at it.</strong> Drop a trace file here, or choose one with <em>Open trace</em>: one saved by the panel's <em>Export trace</em>, or written by <code>gpumem record</code> (gzipped or not, any version this tool has written). Every view of the panel works on it: charts, leaks, snapshots and their comparison, objects and their details.</p>
        </section>
      </div>
    );
  }
  const now = viewing ? viewing.heldAt : store.startedAt === null ? 0 : Math.max(0, Date.now() - store.startedAt);
  // The badge the toolbar shows: warnings and errors, coloured by the worst of them.
  const counted = badgeAlerts(alerts);
  const active = counted.count;
  const leakClass = counted.error ? 'error' : active > 0 ? 'warning' : 'none';
  const chosen = selected === null ? undefined : store.rules.alerts.get(selected);
  // An alert names few objects: its list is made again at each redraw.
  const scope: Scope | null = chosen
    ? { key: `alert:${chosen.key}`, title: `${chosen.objects.length} objects of the ${chosen.rule} alert`, objects: chosen.objects.map((id) => store.objects.get(id)).filter((o) => o !== undefined), exact: false, group: null }
    : picked;
  let totals: { map: ReadonlyMap<Kind, KindTotals>; total: number } = { map: store.live, total: store.totalBytes() };
  if (frame !== 'all' || viewing) {
    const map = new Map<Kind, KindTotals>();
    let total = 0;
    for (const o of live) {
      const t = map.get(o.kind) ?? { count: 0, bytes: 0 };
      t.count++;
      t.bytes += o.bytes;
      total += o.bytes;
      map.set(o.kind, t);
    }
    totals = { map, total };
  }
  const st = feed?.state ?? NO_FEED;
  // A chart is made again for another recording.
  const chartKey = viewing ? `v${[...(feed?.past ?? []), ...opened].indexOf(viewing)}-${opened.length}` : `live-${feed?.past.length ?? 0}`;
  const pickRange = (r: [number, number] | null): void => {
    setRange(r === null ? null : { from: r[0], to: r[1], liveAt: range?.liveAt ?? 'end' });
    if (r !== null) {
      setSelected(null);
      setPicked(null);
    }
  };
  const meta = store.toMeta({ userAgent: '', tool: TOOL });
  const losses = lossLines(meta);

  /** Saves the recording (or the trace being viewed) as a gpumem trace, or in Chrome's Trace Event Format for Perfetto. */
  const onExport = async (format: 'gpumem' | 'chrome'): Promise<void> => {
    const conn = connRef.current;
    if ((!conn && !viewing) || exporting) return;
    setExporting(true);
    setStatus('exporting…');
    const pieces = (t: Trace): Iterable<string> => (format === 'chrome' ? chromeTracePieces(t) : traceJsonPieces(t));
    const what = format === 'chrome' ? ' in Chrome trace format (open it in ui.perfetto.dev or chrome://tracing)' : '';
    try {
      if (viewing) {
        const trace: Trace = viewing.store.toTrace({ userAgent: navigator.userAgent, tool: TOOL });
        await downloadPieces(pieces(trace), trace.meta, format);
        setStatus(`exported ${file ? `a copy of ${file.name}` : 'an earlier page load'}: ${formatCount(trace.events.length)} events, ${formatCount(trace.objects.length)} objects${what}`);
        return;
      }
      // The panel's copy is the recording (the same events as the background's): once every frame has
      // flushed and their batches are applied here, it holds every op made before the click. A big trace
      // never crosses an extension message (about 7 MB/s), and a closed tab's recording still exports.
      const closed = st.tabClosed;
      if (!closed) await conn!.flush();
      await feedRef.current!.idle();
      const now = feedRef.current!.store;
      const trace: Trace = now.toTrace({ userAgent: navigator.userAgent, tool: TOOL });
      const saved = await downloadPieces(pieces(trace), trace.meta, format);
      setStatus(
        `exported ${formatCount(trace.events.length)} events, ${formatCount(trace.objects.length)} objects${what}` +
          (saved.gzipped ? `, gzipped (${formatBytes(saved.bytes)}): a browser download holds at most 512 MiB` : '') +
          (closed ? ' (the tab was closed: the recording as it ended)' : ''),
      );
    } catch (e) {
      setStatus(`export failed: ${(e as Error).message}`);
    } finally {
      setExporting(false);
    }
  };

  const state = file
    ? `the trace file ${file.name}, recorded for ${(file.endedAt / 1000).toFixed(1)} s`
    : viewing
    ? `an earlier page load of this tab, recorded for ${(viewing.endedAt / 1000).toFixed(1)} s: its objects as the page held them when it was left`
    : st.tabClosed
    ? 'the tab was closed: this is its recording as it ended'
    : !connected
      ? 'reconnecting to the extension…'
      : !st.synced
        ? `loading the recording: ${Math.round((100 * st.loaded) / Math.max(1, st.total))} %`
        : '';

  return (
    <div class="panel" data-version={version} data-synced={st.synced ? 'yes' : 'no'} data-shown={onScreen ? 'yes' : 'no'} data-testid={tabId === null ? 'viewer' : undefined}
      onDrop={onDrop} onDragOver={onDragOver}>
      <header>
        <strong>{tabId === null ? 'GPU Memory trace viewer' : 'GPU Memory'}</strong>
        <span class="url" data-testid="url">
          {store.url ? <PageText text={store.url} max={200} /> : 'no WebGL or WebGPU use seen in this tab yet'}
        </span>
        <RecordingPicker
          live={feed !== null}
          past={feed?.past ?? []}
          opened={opened}
          dropped={feed?.droppedRecordings ?? 0}
          viewing={viewing}
          onPick={view}
        />
        <label title="The top document and each iframe that used WebGL or WebGPU">
          document{' '}
          <select data-testid="frame-filter" value={frame} onChange={(e) => setFrame((e.target as HTMLSelectElement).value)}>
            <option value="all">all documents ({frames.length})</option>
            {frames.map((f) => (
              <option key={f.id} value={f.id} title={f.url}>{isolated(frameLabel(f.id))}</option>
            ))}
          </select>
        </label>
        <button data-testid="export" disabled={exporting} onClick={() => void onExport('gpumem')}>Export trace</button>
        <button data-testid="export-chrome" disabled={exporting} onClick={() => void onExport('chrome')}
          title="Chrome's Trace Event Format, for Perfetto UI (ui.perfetto.dev) and chrome://tracing: bytes and count per kind per context as counters, object lifetimes as slices, alerts as instants">
          Export for Perfetto
        </button>
        {fileInput}
        <span class="status" data-testid="state">{state}</span>
        <span class="status" data-testid="status">{status}</span>
      </header>
      {openError && (
        <p class="error" role="alert" data-testid="open-error">
          <PageText text={openError} max={600} /> <button onClick={() => setOpenError('')}>dismiss</button>
        </p>
      )}
      <ContextNotices contexts={store.contexts} />
      {synced && !viewing && tabId !== null && store.contexts.size === 0 && store.objects.size === 0 && <EmptyTab />}
      <section class="leaks-section">
        <h3>
          Leaks <span class={`badge ${leakClass}`} data-testid="leak-count" data-severity={leakClass}>{active}</span>
        </h3>
        <LeaksView alerts={alerts} settings={store.rules.settings} selected={selected} onSelect={setSelected} />
      </section>
      <section class="charts">
        <KindChart key={`b${chartKey}`} store={store} measure="bytes" now={now} version={version} title="bytes per kind" paused={!synced} range={range} onRange={pickRange} />
        <KindChart key={`c${chartKey}`} store={store} measure="count" now={now} version={version} title="live objects per kind" paused={!synced} range={range} onRange={pickRange} />
      </section>
      <section class="tables">
        <div class="side">
          <TotalsTable live={totals.map} total={totals.total} churned={frame === 'all' ? store.churned : undefined} />
          <SnapshotsView store={store} lost={viewing ? 0 : (feed?.lostSnapshots ?? 0)} cannotTake={cannotTake} taking={taking} onTake={() => void takeSnapshot()} scopeKey={picked?.key ?? null}
            onScope={(sc) => {
              setPicked(sc);
              setSelected(null);
            }} />
        </div>
        <div>
          {scope && (
            <p class="selection" data-testid="selection">
              <PageText text={scope.title} max={200} />{' '}
              <button data-testid="clear-selection" onClick={() => { setSelected(null); setPicked(null); }}>{range ? 'back to the time range' : 'show all objects'}</button>
            </p>
          )}
          {synced ? (
            <ObjectsView
              store={store}
              scope={scope}
              range={scope ? null : allocRange}
              banner={range && !scope ? (count, bytes) => (
                <RangeBar range={range} count={count} bytes={bytes} ended={viewing !== null}
                  onLiveAt={(liveAt) => setRange({ ...range, liveAt })} onClear={() => setRange(null)} />
              ) : undefined}
              frame={frame === 'all' ? '' : frame}
              now={now}
              at={viewing ? viewing.heldAt : null}
              leaking={leaking}
              frameLabel={frameLabel}
              revision={store.revision}
            />
          ) : (
            <p class="note" data-testid="objects-loading">the objects are listed once the recording has loaded</p>
          )}
        </div>
      </section>
      <footer data-testid="footer">
        {formatCount(store.events.length)} events · {formatCount(store.objects.size)} objects seen · {store.contexts.size} contexts
        {st.error && ` · ${st.error}`}
      </footer>
      {losses.length > 0 && (
        <ul class="losses" data-testid="losses">
          {losses.map((l) => (
            <li key={l}>
              <PageText text={l} max={300} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** What to try when the tab shows no GPU use at all. */
function EmptyTab() {
  return (
    <section class="empty" data-testid="empty">
      <p><strong>No WebGL or WebGPU use seen in this tab yet.</strong> The panel records from the page's first line, in every frame; objects appear here as the page makes them.</p>
      <ul>
        <li>If the page draws only after a click or a route change, do that now.</li>
        <li>If the page was open before the extension was installed or enabled, reload it.</li>
        <li>GPU work in a worker (an OffscreenCanvas handed to it, or a worker's own WebGPU device) is not recorded yet; the panel lists such workers when it sees them start.</li>
        <li>Sites switched off on the extension's options page get no hook at all.</li>
      </ul>
    </section>
  );
}

/**
 * The tab's recordings, one per page load (the current one and up to MAX_PAST_RECORDINGS earlier ones), and
 * the trace files opened here.
 */
function RecordingPicker({ live, past, opened, dropped, viewing, onPick }: {
  live: boolean;
  past: readonly PastRecording[];
  opened: readonly OpenedTrace[];
  dropped: number;
  viewing: PastRecording | null;
  onPick: (r: PastRecording | null) => void;
}) {
  if (past.length + opened.length === 0 || (!live && opened.length < 2)) return null;
  const all: PastRecording[] = [...past, ...opened];
  const at = (epoch: number): string => new Date(epoch).toLocaleTimeString();
  return (
    <label title={`A reload or a navigation starts a new recording; the panel keeps the last ${MAX_PAST_RECORDINGS} earlier ones${dropped > 0 ? ` (${dropped} older dropped)` : ''}`}>
      recording{' '}
      <select
        data-testid="recording"
        value={viewing === null ? 'live' : String(all.indexOf(viewing))}
        onChange={(e) => {
          const v = (e.target as HTMLSelectElement).value;
          onPick(v === 'live' ? null : (all[Number(v)] ?? null));
        }}
      >
        {live && <option value="live">current page load</option>}
        {past.map((r, i) => (
          <option key={r.endedAtEpoch} value={String(i)} title={r.store.url}>
            {`until ${at(r.endedAtEpoch)}: ${isolated(shortUrl(r.store.url))} (${formatCount(r.store.objects.size)} objects seen)`}
          </option>
        ))}
        {dropped > 0 && <option disabled>{`${dropped} older recordings dropped`}</option>}
        {opened.map((r, i) => (
          <option key={`f${opened.length - i}`} value={String(past.length + i)} title={r.store.url}>
            {`file ${isolated(r.name, 60)}: ${isolated(shortUrl(r.store.url))}`}
          </option>
        ))}
      </select>
    </label>
  );
}

function shortUrl(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname.length > 1 ? `${u.host}${u.pathname}` : u.host || url;
  } catch {
    return url;
  }
}
