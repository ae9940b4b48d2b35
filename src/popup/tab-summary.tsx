// What the popup shows for one tab, asked of the background once when it opens and again every second.
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { clip, formatBytes, TAB_STATE_MESSAGE, type TabState, type TabStateRequest, VIEWER_PAGE } from '../model/model';

const OPEN_KEYS = navigator.platform.startsWith('Mac') ? 'Cmd+Option+I' : 'Ctrl+Shift+I or F12';

export function TabSummary({ tabId }: { tabId: number | null }) {
  const [state, setState] = useState<TabState | undefined>(undefined);
  const [error, setError] = useState('');

  useEffect(() => {
    if (tabId === null) return;
    const ask = (): void => {
      browser.runtime
        .sendMessage({ type: TAB_STATE_MESSAGE, tabId } satisfies TabStateRequest)
        .then((s: unknown) => {
          setState(s as TabState);
          setError('');
        })
        .catch((e: unknown) => setError(`no answer from the extension: ${(e as Error).message}`));
    };
    ask();
    const timer = setInterval(ask, 1000);
    return () => clearInterval(timer);
  }, [tabId]);

  return (
    <main data-testid="popup" data-state={state === undefined ? 'loading' : state === null ? 'none' : 'recording'}>
      <h1><img src="/icons/icon-32.png" alt="" width="16" height="16" /> GPU Memory Inspector</h1>
      {error && <p class="failure">{error}</p>}
      {tabId === null && <p>No tab to describe.</p>}
      {state === null && <p data-testid="popup-none">No WebGL or WebGPU use seen in this tab yet. It is recorded from the page's first line; reload a page that was open before the extension.</p>}
      {state && (
        <>
          <p class="url" title={state.url}><bdi>{clip(state.url, 120)}</bdi></p>
          <table data-testid="popup-totals" data-bytes={state.totalBytes}>
            <tbody>
              {Object.entries(state.live)
                .filter(([, t]) => t.count > 0)
                .sort(([, a], [, b]) => b.bytes - a.bytes)
                .map(([kind, t]) => (
                  <tr key={kind} data-kind={kind}>
                    <td>{kind}</td>
                    <td class="num">{t.count}</td>
                    <td class="num">{formatBytes(t.bytes)}</td>
                  </tr>
                ))}
            </tbody>
            <tfoot>
              <tr><td>total</td><td /><td class="num">{formatBytes(state.totalBytes)}</td></tr>
            </tfoot>
          </table>
          <h2>
            Leak alerts <span class={`badge ${state.alerts.some((a) => a.severity === 'error') ? 'error' : state.count > 0 ? 'warning' : 'none'}`} data-testid="popup-count">{state.count}</span>
          </h2>
          {state.count === 0 ? (
            <p class="note">None active.</p>
          ) : (
            <ul class="alerts" data-testid="popup-alerts">
              {state.alerts.map((a, i) => (
                <li key={i} data-rule={a.rule}>
                  <span class={`badge ${a.severity}`}>{a.rule}</span> <bdi>{clip(a.message, 300)}</bdi>
                </li>
              ))}
              {state.count > state.alerts.length && <li class="note">and {state.count - state.alerts.length} more in the panel</li>}
            </ul>
          )}
        </>
      )}
      <p class="how" data-testid="popup-how">
        For the charts, every object, its creation stack and the trace export: open DevTools ({OPEN_KEYS}) and choose the <b>GPU Memory</b> panel (behind » when DevTools is narrow).
      </p>
      <p class="links">
        <a href="#" onClick={(e) => { e.preventDefault(); void browser.runtime.openOptionsPage(); }}>Options</a>{' · '}
        <a href={`/${VIEWER_PAGE}`} data-testid="open-viewer" title="Open a trace file (Export trace, gpumem record) in the trace viewer"
          onClick={(e) => { e.preventDefault(); void browser.tabs.create({ url: browser.runtime.getURL(VIEWER_PAGE) }); }}>Open a trace file</a>
      </p>
    </main>
  );
}
