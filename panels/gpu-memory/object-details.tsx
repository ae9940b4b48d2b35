// One object's details: what the recording knows of it (kind, label and its changes, bytes now, at peak
// and each size it took, its shape (dimensions, format, mip levels, samples, usage), owner, document frame, creation and release with the reason, the alerts naming
// it) and its creation stack, each frame opening its line in DevTools' Sources panel.
import { useMemo } from 'preact/hooks';
import { Fragment } from 'preact';
import { formatBytes, type SessionStore, shapeRows, shortSite, type TraceObject } from '../../src/model/model';
import { canOpenSource, frameLocation, openSource } from './open-source';
import { PageText } from './page-text';

/** Size and label changes listed at most: an object resized every frame would list thousands. */
const MAX_CHANGES = 20;

interface Props {
  store: SessionStore;
  object: TraceObject;
  frameLabel: (frame: string) => string;
  onClose: () => void;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(3)} s`;

function historyOf(store: SessionStore, id: string): { sizes: { t: number; bytes: number }[]; labels: { t: number; label: string }[]; more: number } {
  const sizes: { t: number; bytes: number }[] = [];
  const labels: { t: number; label: string }[] = [];
  let more = 0;
  for (const ev of store.events) {
    if (ev.op === 'size' && ev.id === id) {
      if (sizes.length < MAX_CHANGES) sizes.push({ t: ev.t, bytes: ev.bytes });
      else more++;
    } else if (ev.op === 'label' && ev.id === id) {
      if (labels.length < MAX_CHANGES) labels.push({ t: ev.t, label: ev.label });
      else more++;
    }
  }
  return { sizes, labels, more };
}

export function ObjectDetails({ store, object: o, frameLabel, onClose }: Props) {
  // Its history from the recording's events: a walk of every event, so made again only when the object
  // changed (a size or label event changes its bytes or label), not at each redraw of a streaming panel.
  const { sizes, labels, more } = useMemo(() => historyOf(store, o.id), [store, o.id, o.bytes, o.label]);
  const c = store.contexts.get(o.context);
  const alerts = [...store.rules.alerts.values()].filter((a) => a.objects.includes(o.id));
  const frames = (o.stack ?? '').split('\n').filter((f) => f !== '');
  const openable = canOpenSource();
  return (
    <section class="details" data-testid="details" data-id={o.id} aria-label={`details of ${o.id}`}>
      <header>
        <strong>{o.kind}</strong> <span class="mono">{o.id}</span>
        <button data-testid="details-close" onClick={onClose} title="Close (Esc)">×</button>
      </header>
      <dl>
        <dt>label</dt>
        <dd data-testid="details-label">{o.label ? <PageText text={o.label} max={200} /> : <span class="note">none</span>}</dd>
        <dt>bytes</dt>
        <dd data-testid="details-bytes">{formatBytes(o.bytes)} now ({o.bytes} B), {formatBytes(o.peakBytes)} at peak</dd>
        {o.shape && shapeRows(o.shape).map(([name, value]) => (
          <Fragment key={name}>
            <dt>{name}</dt>
            <dd data-testid={`details-${name.replace(/ /g, '-')}`}>{value}</dd>
          </Fragment>
        ))}
        <dt>owner</dt>
        <dd>{c ? <>{c.api} <PageText text={c.canvas} max={80} />{c.lostAt != null ? ' (lost)' : ''}{c.canvasState ? ` (canvas ${c.canvasState})` : ''}</> : o.context}</dd>
        <dt>document frame</dt>
        <dd><PageText text={frameLabel(o.frame)} max={120} /></dd>
        <dt>created</dt>
        <dd data-testid="details-created">
          at {seconds(o.createdAt)}
          {o.site ? <>, in <PageText text={shortSite(o.site)} max={120} /></> : ''}
          {o.via ? <> through <PageText text={shortSite(o.via)} max={120} /></> : ''}
        </dd>
        <dt>released</dt>
        <dd data-testid="details-released">{o.releasedAt === null ? 'no: live' : `at ${seconds(o.releasedAt)}, ${o.releaseReason ?? 'reason unknown'}`}</dd>
        {sizes.length > 1 && (
          <>
            <dt>sizes</dt>
            <dd data-testid="details-sizes">{sizes.map((s) => `${formatBytes(s.bytes)} at ${seconds(s.t)}`).join(' → ')}</dd>
          </>
        )}
        {labels.length > 1 && (
          <>
            <dt>label changes</dt>
            <dd>{labels.map((l, i) => <span key={i}>{i > 0 && ' → '}<PageText text={l.label} max={60} /> at {seconds(l.t)}</span>)}</dd>
          </>
        )}
        {more > 0 && (
          <>
            <dt />
            <dd class="note">{more} more changes not listed</dd>
          </>
        )}
        <dt>alerts</dt>
        <dd data-testid="details-alerts">{alerts.length === 0 ? <span class="note">none</span> : alerts.map((a) => <span key={a.key} class={`badge ${a.severity}`}>{a.rule}</span>)}</dd>
      </dl>
      <h4>creation stack</h4>
      {frames.length === 0 ? (
        <p class="note">not captured (stacks are off on the options page, or the object came from a loop that churns its kind)</p>
      ) : (
        <ol class="stack" data-testid="details-stack">
          {frames.map((f, i) => {
            const loc = frameLocation(f);
            return (
              <li key={i} class={f === o.site ? 'site' : ''}>
                {openable && loc ? (
                  <button class="link" title={`Open ${loc.url} at line ${loc.line} in Sources`} onClick={() => openSource(f)}>
                    <PageText text={f.replace(/^at /, '')} max={300} />
                  </button>
                ) : (
                  <PageText text={f.replace(/^at /, '')} max={300} />
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
