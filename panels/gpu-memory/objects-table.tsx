// The live objects (or an alert's objects), largest first: kind, label, bytes, owning context and canvas,
// frame, creation site, age, and a badge on rows that an active alert names. Capped so that a page with a
// million objects does not hang the panel.
import { formatBytes, shortSite, type TraceContext, type TraceObject } from '../../src/model/model';

const MAX_ROWS = 500;

interface Props {
  objects: TraceObject[];
  contexts: ReadonlyMap<string, TraceContext>;
  frameLabel: (frame: string) => string;
  now: number;
  /** Object id -> the rule of an active alert that names it. */
  leaking: ReadonlyMap<string, string>;
}

export function ObjectsTable({ objects, contexts, frameLabel, now, leaking }: Props) {
  const rows = objects.slice().sort((a, b) => b.bytes - a.bytes || a.createdAt - b.createdAt).slice(0, MAX_ROWS);
  return (
    <div>
      <table class="objects" data-testid="objects" data-rows={objects.length}>
        <thead>
          <tr><th>id</th><th>kind</th><th>label</th><th>bytes</th><th>context</th><th>frame</th><th>created at</th><th>age</th></tr>
        </thead>
        <tbody>
          {rows.map((o) => {
            const c = contexts.get(o.context);
            const leak = leaking.get(o.id);
            return (
              <tr key={o.id} data-id={o.id} data-kind={o.kind} data-bytes={o.bytes} data-leak={leak ?? ''} class={o.releasedAt === null ? '' : 'released'}>
                <td class="mono">
                  {o.id}
                  {leak && <span class="badge warning" title={`named by a ${leak} alert`}>leak</span>}
                </td>
                <td>{o.kind}</td>
                <td class="label" data-testid="label">{o.label ?? ''}</td>
                <td class="num" title={`${o.bytes} bytes, peak ${o.peakBytes}`}>{formatBytes(o.bytes)}</td>
                <td data-col="context">{c ? `${c.api} ${c.canvas}` : o.context}</td>
                <td data-col="frame">{frameLabel(o.frame)}</td>
                <td data-col="site" class="mono" title={o.stack ?? 'not captured'}>{o.site ? shortSite(o.site) : ''}</td>
                <td class="num">{o.releasedAt === null ? `${((now - o.createdAt) / 1000).toFixed(1)} s` : 'released'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {objects.length > MAX_ROWS && <p class="note">{objects.length - MAX_ROWS} smaller objects not shown</p>}
    </div>
  );
}
