// The form: shows the stored settings, checks what the user typed, and saves only valid settings.
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { DEFAULT_IGNORE_LIST, DEFAULT_SETTINGS, normalizeSite, parseIgnoreList, parseSettings, RULE_FIELDS, type Settings, SETTINGS_KEY, type UserRules, VIEWER_PAGE } from '../model/model';

/** How each threshold is shown: its label and the factor from the stored unit (ms, bytes) to the shown one. */
const FIELDS: { key: keyof UserRules; label: string; unit: string; scale: number }[] = [
  { key: 'canvasGraceMs', label: 'outlived-canvas: grace period after a canvas leaves the page', unit: 's', scale: 1000 },
  { key: 'canvasMinBytes', label: 'outlived-canvas: report only from this many bytes', unit: 'bytes', scale: 1 },
  { key: 'growthSlotMs', label: 'steady-growth: slot length (the baseline is each slot’s minimum)', unit: 's', scale: 1000 },
  { key: 'growthSlots', label: 'steady-growth: slots in a row whose baseline must rise', unit: 'slots', scale: 1 },
  { key: 'growthMinObjects', label: 'steady-growth: least growth over those slots', unit: 'objects', scale: 1 },
  { key: 'growthMinBytes', label: 'steady-growth: or, for objects that grow in place, least growth in bytes', unit: 'bytes', scale: 1 },
  { key: 'frameGrace', label: 'outlived-frame: frames an object may stay unused after the frame that made it', unit: 'frames', scale: 1 },
  { key: 'frameMinFrames', label: 'outlived-frame: report a creation site once objects made in this many different frames outlived them', unit: 'frames', scale: 1 },
];

export function OptionsForm() {
  const [loaded, setLoaded] = useState<Settings | null>(null);
  const [stacks, setStacks] = useState(true);
  const [sites, setSites] = useState('');
  const [ignore, setIgnore] = useState('');
  const [rules, setRules] = useState<Record<string, string>>({});
  const [status, setStatus] = useState('');
  const [saves, setSaves] = useState(0);

  const show = (s: Settings): void => {
    setLoaded(s);
    setStacks(s.stacks);
    setSites(s.disabledSites.join('\n'));
    setIgnore(s.ignoreList.join('\n'));
    setRules(Object.fromEntries(FIELDS.map((f) => [f.key, String(s.rules[f.key] / f.scale)])));
  };

  useEffect(() => {
    void browser.storage.local.get(SETTINGS_KEY).then((r) => show(parseSettings(r[SETTINGS_KEY])));
  }, []);

  const save = async (): Promise<void> => {
    const problems: string[] = [];
    const hosts: string[] = [];
    for (const line of sites.split('\n')) {
      if (!line.trim()) continue;
      const h = normalizeSite(line);
      if (h) hosts.push(h);
      else problems.push(`not a site: "${line.trim()}"`);
    }
    const patterns = parseIgnoreList(ignore.split('\n'));
    for (const e of patterns.errors) problems.push(`library pattern ${e}`);
    const next: UserRules = { ...DEFAULT_SETTINGS.rules };
    for (const f of FIELDS) {
      const v = Number(rules[f.key]) * f.scale;
      const { min, max } = RULE_FIELDS[f.key];
      if (!Number.isFinite(v) || v < min || v > max) problems.push(`${f.label}: between ${min / f.scale} and ${max / f.scale} ${f.unit}`);
      else next[f.key] = Math.round(v);
    }
    if (problems.length > 0) {
      setStatus(`Not saved. ${problems.join('; ')}`);
      setSaves((n) => n + 1);
      return;
    }
    const s = parseSettings({ stacks, disabledSites: hosts, ignoreList: patterns.patterns, rules: next });
    await browser.storage.local.set({ [SETTINGS_KEY]: s });
    show(s);
    setStatus('Saved. Pages loaded from now on use these settings; reload a page to apply them to it.');
    setSaves((n) => n + 1);
  };

  if (!loaded) return <p>Loading…</p>;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h1>GPU Memory Inspector</h1>
      <p>
        <a href={`/${VIEWER_PAGE}`} data-testid="open-viewer" target="_blank">Open a trace file in the trace viewer</a>: a trace saved by the
        panel's Export trace or written by <code>gpumem record</code>, with every view of the panel.
      </p>
      <label class="row">
        <input type="checkbox" name="stacks" checked={stacks} onChange={(e) => setStacks((e.target as HTMLInputElement).checked)} />
        Capture where each object is created (a short stack; costs page time when objects are made)
      </label>
      <h2>Sites where the extension stays off</h2>
      <p class="hint">One host per line (example.com, *.example.com). No hook is installed on those pages at all.</p>
      <textarea name="sites" rows={5} value={sites} onInput={(e) => setSites((e.target as HTMLTextAreaElement).value)} />
      <h2>Library code</h2>
      <p class="hint">
        An object's creation site is the first frame of its stack outside library code, as DevTools' ignore
        list does, with the library frame it went through beside it. Library code is anything under
        node_modules/, Vite's and webpack's vendor bundles, package CDNs and the bundled builds of three.js,
        Babylon.js, PixiJS, PlayCanvas, TensorFlow.js, regl, MapLibre, deck.gl, twgl and Cesium. Add your own
        engine or wrapper here: one regular expression per line, matched against the script's URL (for
        example <code>/src/engine/</code>).
      </p>
      <textarea name="ignore" rows={4} value={ignore} title={`Always ignored:\n${DEFAULT_IGNORE_LIST.join('\n')}`} onInput={(e) => setIgnore((e.target as HTMLTextAreaElement).value)} />
      <h2>Leak rules</h2>
      {FIELDS.map((f) => (
        <label class="row" key={f.key}>
          <span class="label">{f.label}</span>
          <input
            name={f.key}
            type="number"
            step="any"
            value={rules[f.key]}
            onInput={(e) => setRules({ ...rules, [f.key]: (e.target as HTMLInputElement).value })}
          />
          <span class="unit">{f.unit}</span>
        </label>
      ))}
      <p>
        <button type="submit" name="save">Save</button>{' '}
        <button type="button" name="defaults" onClick={() => show(parseSettings(undefined))}>Defaults</button>
      </p>
      <p class="status" data-testid="status" data-saves={saves}>{status}</p>
    </form>
  );
}
