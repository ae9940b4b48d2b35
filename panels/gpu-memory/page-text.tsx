// Text the page chose (labels, canvas ids, URLs, creation sites, alert messages that quote them), shown
// inert: Preact writes it as text, never HTML; it is cut to a bounded length with the whole of it in the
// tooltip; and <bdi> isolates it, so right-to-left or override characters cannot reorder the panel's own
// words around it.
import { clip } from '../../src/model/model';

export function PageText({ text, max = 120, class: cls }: { text: string; max?: number; class?: string }) {
  const shown = clip(text, max);
  return (
    <bdi class={cls} title={shown === text ? undefined : text}>
      {shown}
    </bdi>
  );
}

/** First-strong isolate ... pop directional isolate: <bdi> for places that take text only (an <option>). */
export function isolated(text: string, max = 80): string {
  return `\u2068${clip(text, max)}\u2069`;
}
