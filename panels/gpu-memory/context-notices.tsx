// Notes about contexts whose memory the panel cannot show as live objects: dedicated workers and canvases
// handed to a worker (not instrumented), and lost contexts or devices (the browser freed their objects).
import type { ComponentChildren } from 'preact';
import type { TraceContext } from '../../src/model/model';
import { PageText } from './page-text';

export function ContextNotices({ contexts }: { contexts: Map<string, TraceContext> }) {
  const notes: { id: string; text: ComponentChildren; kind: string }[] = [];
  for (const c of contexts.values()) {
    const name = <PageText text={c.canvas} max={80} />;
    if (c.worker) {
      notes.push({ id: c.id, kind: 'worker', text: <>a dedicated worker started ({name}): WebGL or WebGPU inside workers is not instrumented</> });
    } else if (c.transferred) {
      notes.push({ id: c.id, kind: 'transferred', text: <>{name}: control went to a worker; its GPU memory is not instrumented</> });
    } else if (typeof c.lostAt === 'number') {
      notes.push({ id: c.id, kind: 'lost', text: <>{name} ({c.api}): context lost at {(c.lostAt / 1000).toFixed(1)} s; the browser freed its objects</> });
    }
  }
  if (notes.length === 0) return null;
  return (
    <ul class="notices" data-testid="notices">
      {notes.map((n) => (
        <li key={n.id} data-kind={n.kind}>{n.text}</li>
      ))}
    </ul>
  );
}
