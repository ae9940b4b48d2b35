// The live objects (or an alert's objects), largest first: kind, label, bytes, owning context and canvas,
// frame, creation site, age, and a badge on rows that an active alert names. Capped so that a page with a
// million objects does not hang the panel.
import { clip, firstK, formatBytes, shortSite, type TraceContext, type TraceObject } from '../../src/model/model';
import { PageText } from './page-text';

const MAX_ROWS = 200;

interface Props {
  objects: TraceObject[];
  contexts: ReadonlyMap<string, TraceContext>;
  frameLabel: (frame: string) => string;
  now: number;
  /** Object id -> the rule of an active alert that names it. */
  leaking: ReadonlyMap<string, string>;
}

export function ObjectsTable({ objects, contexts, frameLabel, now, leaking }: Props) {
  const rows = firstK(objects, MAX_ROWS, (a, b) => b.bytes - a.bytes || a.createdAt - b.createdAt);
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
                <td class="label" data-testid="label"><PageText text={o.label ?? ''} max={60} /></td>
                <td class="num" title={`${o.bytes} bytes, peak ${o.peakBytes}`}>{formatBytes(o.bytes)}</td>
                <td data-col="context">{c ? <>{c.api} <PageText text={c.canvas} max={60} /></> : o.context}</td>
                <td data-col="frame"><PageText text={frameLabel(o.frame)} max={60} /></td>
                <td data-col="site" class="mono" title={o.stack ?? 'not captured'}><bdi>{o.site ? clip(shortSite(o.site), 80) : ''}</bdi></td>
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
