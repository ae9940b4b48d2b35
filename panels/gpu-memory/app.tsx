// The panel's root view: charts, totals, live objects, frame filter and export. Redraws at most every
// RENDER_MS while batches arrive (at least four times a second), and once a second for ages.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { decodeBatch, type Kind, type KindTotals, SessionStore } from '../../src/model/model';
import { Connection } from './connection';
import { ContextNotices } from './context-notices';
import { downloadTrace } from './download';
import { KindChart } from './kind-chart';
import { LeaksView } from './leaks-view';
import { ObjectsTable } from './objects-table';
import { TotalsTable } from './totals-table';

const RENDER_MS = 200;

export function App({ tabId }: { tabId: number }) {
  const storeRef = useRef(new SessionStore());
  const connRef = useRef<Connection | null>(null);
  const [version, setVersion] = useState(0);
  const [frame, setFrame] = useState('all');
  const [status, setStatus] = useState('');
  const [selected, setSelected] = useState<string | null>(null);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const redraw = (): void => {
      if (timer === null) {
        timer = setTimeout(() => {
          timer = null;
          setVersion((v) => v + 1);
        }, RENDER_MS);
      }
    };
    connRef.current = new Connection(tabId, (m) => {
      if (m.type === 'reset') storeRef.current = SessionStore.fromTrace(m.trace);
      else if (m.type === 'batch') {
        try {
          storeRef.current.applyBatch(decodeBatch(m.batch), { frameId: m.frameId });
        } catch (e) {
          setStatus(`ignored a malformed batch: ${(e as Error).message}`);
        }
      }
      redraw();
    });
    const tick = setInterval(() => setVersion((v) => v + 1), 1000);
    return () => clearInterval(tick);
  }, [tabId]);

  const store = storeRef.current;
  const now = store.startedAt === null ? 0 : Math.max(0, Date.now() - store.startedAt);
  const frames = [...store.frames.values()];
  const frameLabel = (id: string): string => {
    const f = store.frames.get(id);
    return f ? `${f.frameId === 0 ? 'top' : `frame ${f.frameId}`} ${shortUrl(f.url)}` : id;
  };
  const live = useMemo(() => store.liveObjects().filter((o) => frame === 'all' || o.frame === frame), [version, frame, store]);
  const alerts = useMemo(() => [...store.rules.alerts.values()], [version, store]);
  const active = alerts.filter((a) => a.resolvedAt === null && a.severity !== 'info').length;
  const leaking = useMemo(() => {
    const m = new Map<string, string>();
    for (const a of alerts) if (a.resolvedAt === null && a.severity !== 'info') for (const id of a.objects) m.set(id, a.rule);
    return m;
  }, [alerts]);
  const chosen = selected === null ? undefined : store.rules.alerts.get(selected);
  const shown = useMemo(
    () => (chosen ? chosen.objects.map((id) => store.objects.get(id)).filter((o) => o !== undefined) : live),
    [chosen, live, store, version],
  );
  const totals = useMemo(() => {
    if (frame === 'all') return { map: store.live, total: store.totalBytes() };
    const map = new Map<Kind, KindTotals>();
    let total = 0;
    for (const o of live) {
      const t = map.get(o.kind) ?? { count: 0, bytes: 0 };
      t.count++;
      t.bytes += o.bytes;
      total += o.bytes;
      map.set(o.kind, t);
    }
    return { map, total };
  }, [version, frame, store, live]);

  const onExport = async (): Promise<void> => {
    const conn = connRef.current;
    if (!conn) return;
    setStatus('exporting…');
    const trace = await conn.exportTrace();
    downloadTrace(trace);
    setStatus(`exported ${trace.events.length} events, ${trace.objects.length} objects`);
  };

  return (
    <div class="panel" data-version={version}>
      <header>
        <strong>GPU Memory</strong>
        <span class="url" title={store.url}>{store.url || 'waiting for WebGL activity in this tab…'}</span>
        <label>
          frame{' '}
          <select data-testid="frame-filter" value={frame} onChange={(e) => setFrame((e.target as HTMLSelectElement).value)}>
            <option value="all">all frames ({frames.length})</option>
            {frames.map((f) => (
              <option key={f.id} value={f.id}>{frameLabel(f.id)}</option>
            ))}
          </select>
        </label>
        <button data-testid="export" onClick={() => void onExport()}>Export trace</button>
        <span class="status" data-testid="status">{status}</span>
      </header>
      <ContextNotices contexts={store.contexts} />
      <section class="leaks-section">
        <h3>
          Leaks <span class={`badge ${active > 0 ? 'error' : 'none'}`} data-testid="leak-count">{active}</span>
        </h3>
        <LeaksView alerts={alerts} selected={selected} onSelect={setSelected} />
      </section>
      <section class="charts">
        <KindChart store={store} measure="bytes" now={now} version={version} title="bytes per kind" />
        <KindChart store={store} measure="count" now={now} version={version} title="live objects per kind" />
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
          <ObjectsTable objects={shown} contexts={store.contexts} frameLabel={frameLabel} now={now} leaking={leaking} />
        </div>
      </section>
      <footer data-testid="footer">
        {store.events.length} events · {store.objects.size} objects seen · {store.contexts.size} contexts
        {store.droppedEvents + store.droppedObjects > 0 && ` · dropped ${store.droppedEvents} events, ${store.droppedObjects} objects (bounds)`}
        {store.agentErrors > 0 && ` · ${store.agentErrors} agent errors`}
        {store.rules.droppedAlerts > 0 && ` · ${store.rules.droppedAlerts} alerts not raised (bound of ${store.rules.settings.maxAlerts})`}
      </footer>
    </div>
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
