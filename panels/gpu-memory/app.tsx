// The panel's root view: recordings, charts, totals, leaks, objects, document filter and export. It redraws
// through one throttle (redraw.ts) and, while DevTools shows another panel, neither draws nor applies data.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { badgeAlerts, formatBytes, liveAt, formatCount, type Kind, type KindTotals, lossLines, TOOL, traceJsonPieces, type Trace } from '../../src/model/model';
import { Connection } from './connection';
import { ContextNotices } from './context-notices';
import { downloadPieces } from './download';
import { Feed, MAX_PAST_RECORDINGS, type PastRecording } from './feed';
import { KindChart } from './kind-chart';
import { LeaksView } from './leaks-view';
import { ObjectsView } from './objects-view';
import { isolated, PageText } from './page-text';
import { drawCommitted, drawStart } from './perf';
import { Redraw } from './redraw';
import { TotalsTable } from './totals-table';
import { watchVisibility } from './visibility';

export function App({ tabId }: { tabId: number }) {
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

  const [onScreen, setOnScreen] = useState(true);

  useEffect(() => {
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
  const frames = store ? [...store.frames.values()] : [];
  const frameLabel = (id: string): string => {
    const f = store?.frames.get(id);
    return f ? `${f.frameId === 0 ? 'top document' : `iframe ${f.frameId}`} ${shortUrl(f.url)}` : id;
  };
  // While a recording's history loads, the object list waits: walking every object at each redraw would
  // slow the load it is waiting for (bench/large-recording.mjs).
  const synced = viewing !== null || feed?.state.synced === true;
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
  if (!feed || !store) return null;
  const now = viewing ? viewing.heldAt : store.startedAt === null ? 0 : Math.max(0, Date.now() - store.startedAt);
  // The badge the toolbar shows: warnings and errors, coloured by the worst of them.
  const counted = badgeAlerts(alerts);
  const active = counted.count;
  const leakClass = counted.error ? 'error' : active > 0 ? 'warning' : 'none';
  const chosen = selected === null ? undefined : store.rules.alerts.get(selected);
  // An alert names few objects: its list is made again at each redraw.
  const shown = chosen ? chosen.objects.map((id) => store.objects.get(id)).filter((o) => o !== undefined) : null;
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
  const st = feed.state;
  const meta = store.toMeta({ userAgent: '', tool: TOOL });
  const losses = lossLines(meta);

  const onExport = async (): Promise<void> => {
    const conn = connRef.current;
    if (!conn || exporting) return;
    setExporting(true);
    setStatus('exporting…');
    try {
      if (viewing) {
        const trace: Trace = viewing.store.toTrace({ userAgent: navigator.userAgent, tool: TOOL });
        await downloadPieces(traceJsonPieces(trace), trace.meta);
        setStatus(`exported an earlier page load: ${formatCount(trace.events.length)} events, ${formatCount(trace.objects.length)} objects`);
        return;
      }
      // The panel's copy is the recording (the same events as the background's): once every frame has
      // flushed and their batches are applied here, it holds every op made before the click. A big trace
      // never crosses an extension message (about 7 MB/s), and a closed tab's recording still exports.
      const closed = st.tabClosed;
      if (!closed) await conn.flush();
      await feedRef.current!.idle();
      const now = feedRef.current!.store;
      const trace: Trace = now.toTrace({ userAgent: navigator.userAgent, tool: TOOL });
      const saved = await downloadPieces(traceJsonPieces(trace), trace.meta);
      setStatus(
        `exported ${formatCount(trace.events.length)} events, ${formatCount(trace.objects.length)} objects` +
          (saved.gzipped ? `, gzipped (${formatBytes(saved.bytes)}): a browser download holds at most 512 MiB` : '') +
          (closed ? ' (the tab was closed: the recording as it ended)' : ''),
      );
    } catch (e) {
      setStatus(`export failed: ${(e as Error).message}`);
    } finally {
      setExporting(false);
    }
  };

  const state = viewing
    ? `an earlier page load of this tab, recorded for ${(viewing.endedAt / 1000).toFixed(1)} s: its objects as the page held them when it was left`
    : st.tabClosed
    ? 'the tab was closed: this is its recording as it ended'
    : !connected
      ? 'reconnecting to the extension…'
      : !st.synced
        ? `loading the recording: ${Math.round((100 * st.loaded) / Math.max(1, st.total))} %`
        : '';

  return (
    <div class="panel" data-version={version} data-synced={st.synced ? 'yes' : 'no'} data-shown={onScreen ? 'yes' : 'no'}>
      <header>
        <strong>GPU Memory</strong>
        <span class="url" data-testid="url">
          {store.url ? <PageText text={store.url} max={200} /> : 'no WebGL or WebGPU use seen in this tab yet'}
        </span>
        <RecordingPicker
          past={feed.past}
          dropped={feed.droppedRecordings}
          viewing={viewing}
          onPick={(r) => {
            setViewing(r);
            setSelected(null);
          }}
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
        <button data-testid="export" disabled={exporting} onClick={() => void onExport()}>Export trace</button>
        <span class="status" data-testid="state">{state}</span>
        <span class="status" data-testid="status">{status}</span>
      </header>
      <ContextNotices contexts={store.contexts} />
      {synced && !viewing && store.contexts.size === 0 && store.objects.size === 0 && <EmptyTab />}
      <section class="leaks-section">
        <h3>
          Leaks <span class={`badge ${leakClass}`} data-testid="leak-count" data-severity={leakClass}>{active}</span>
        </h3>
        <LeaksView alerts={alerts} settings={store.rules.settings} selected={selected} onSelect={setSelected} />
      </section>
      <section class="charts">
        <KindChart key={`b${feed.past.indexOf(viewing!)}-${feed.past.length}`} store={store} measure="bytes" now={now} version={version} title="bytes per kind" paused={!synced} />
        <KindChart key={`c${feed.past.indexOf(viewing!)}-${feed.past.length}`} store={store} measure="count" now={now} version={version} title="live objects per kind" paused={!synced} />
      </section>
      <section class="tables">
        <TotalsTable live={totals.map} total={totals.total} churned={frame === 'all' ? store.churned : undefined} />
        <div>
          {chosen && (
            <p class="selection" data-testid="selection">
              {chosen.objects.length} objects of the {chosen.rule} alert{' '}
              <button data-testid="clear-selection" onClick={() => setSelected(null)}>show all live objects</button>
            </p>
          )}
          {synced ? (
            <ObjectsView
              store={store}
              scope={shown}
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

/** The tab's recordings, one per page load: the current one and up to MAX_PAST_RECORDINGS earlier ones. */
function RecordingPicker({ past, dropped, viewing, onPick }: {
  past: readonly PastRecording[];
  dropped: number;
  viewing: PastRecording | null;
  onPick: (r: PastRecording | null) => void;
}) {
  if (past.length === 0) return null;
  const at = (epoch: number): string => new Date(epoch).toLocaleTimeString();
  return (
    <label title={`A reload or a navigation starts a new recording; the panel keeps the last ${MAX_PAST_RECORDINGS} earlier ones${dropped > 0 ? ` (${dropped} older dropped)` : ''}`}>
      recording{' '}
      <select
        data-testid="recording"
        value={viewing === null ? 'live' : String(past.indexOf(viewing))}
        onChange={(e) => {
          const v = (e.target as HTMLSelectElement).value;
          onPick(v === 'live' ? null : (past[Number(v)] ?? null));
        }}
      >
        <option value="live">current page load</option>
        {past.map((r, i) => (
          <option key={r.endedAtEpoch} value={String(i)} title={r.store.url}>
            {`until ${at(r.endedAtEpoch)}: ${isolated(shortUrl(r.store.url))} (${formatCount(r.store.objects.size)} objects seen)`}
          </option>
        ))}
        {dropped > 0 && <option disabled>{`${dropped} older recordings dropped`}</option>}
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
