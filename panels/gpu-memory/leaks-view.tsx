// The Leaks view: the session's alerts grouped by creation site, active first, each with its rule and
// severity; choosing one selects its objects in the object table and explains its rule, the threshold it
// used and what usually fixes it. Text only: every string came from the page.
import { ruleHelp, type RuleSettings, shortSite, type TraceAlert } from '../../src/model/model';
import { PageText } from './page-text';

interface Props {
  alerts: TraceAlert[];
  /** The thresholds the alerts were computed with. */
  settings: RuleSettings;
  selected: string | null;
  onSelect: (key: string | null) => void;
}

export function LeaksView({ alerts, settings, selected, onSelect }: Props) {
  if (alerts.length === 0) {
    return <p class="note" data-testid="leaks-empty">No leak alerts.</p>;
  }
  const bySite = new Map<string, TraceAlert[]>();
  const order = alerts.slice().sort((a, b) => rank(b) - rank(a) || b.bytes - a.bytes);
  for (const a of order) {
    const list = bySite.get(a.site) ?? [];
    list.push(a);
    bySite.set(a.site, list);
  }
  return (
    <div class="leaks" data-testid="leaks">
      {[...bySite].map(([site, list]) => (
        <section key={site} class="leak-site" data-site={site}>
          <h4>{site ? <PageText text={shortSite(site)} max={120} /> : 'unknown creation site'}</h4>
          <ul>
            {list.map((a) => (
              <li
                key={a.key}
                class={`alert ${a.severity}${a.resolvedAt === null ? '' : ' resolved'}${a.key === selected ? ' selected' : ''}`}
                data-testid="alert"
                data-rule={a.rule}
                data-severity={a.severity}
                data-count={a.count}
                data-bytes={a.bytes}
                data-resolved={a.resolvedAt === null ? 'no' : 'yes'}
                title={ruleHelp(a.rule, settings)?.means}
                tabIndex={0}
                role="button"
                aria-pressed={a.key === selected}
                onClick={() => onSelect(a.key === selected ? null : a.key)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    onSelect(a.key === selected ? null : a.key);
                  }
                }}
              >
                <span class={`badge ${a.severity}`}>{a.rule}</span>
                <PageText class="message" text={a.message} max={400} />
                {a.resolvedAt !== null && <span class="note"> (resolved)</span>}
                {a.key === selected && <Help rule={a.rule} settings={settings} />}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function rank(a: TraceAlert): number {
  const active = a.resolvedAt === null ? 10 : 0;
  return active + (a.severity === 'error' ? 2 : a.severity === 'warning' ? 1 : 0);
}

function Help({ rule, settings }: { rule: string; settings: RuleSettings }) {
  const h = ruleHelp(rule, settings);
  if (!h) return null;
  return (
    <dl class="rule-help" data-testid="rule-help">
      <dt>what it means</dt>
      <dd>{h.means}</dd>
      <dt>why now</dt>
      <dd>{h.threshold}</dd>
      <dt>usual fix</dt>
      <dd>{h.fix}</dd>
    </dl>
  );
}
