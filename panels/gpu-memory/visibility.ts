// Whether the panel is on screen. Inside DevTools the devtools page relays its panel's onShown and onHidden
// (src/devtools/devtools.ts calls PANEL_SHOWN_HOOK on this window); as a plain extension page, and for a
// DevTools window in the background, the document's own visibility counts too.
import { PANEL_SHOWN_HOOK } from '../../src/model/model';

export function watchVisibility(onChange: (shown: boolean) => void): () => void {
  // DevTools shows a panel's page when it is selected: it starts shown.
  let panelShown = true;
  const update = (): void => onChange(panelShown && document.visibilityState !== 'hidden');
  (globalThis as Record<string, unknown>)[PANEL_SHOWN_HOOK] = (shown: unknown) => {
    panelShown = shown === true;
    update();
  };
  document.addEventListener('visibilitychange', update);
  return () => {
    document.removeEventListener('visibilitychange', update);
    delete (globalThis as Record<string, unknown>)[PANEL_SHOWN_HOOK];
  };
}
