// The page agent is registered at run time, not in the manifest, so that the user's settings decide where
// it runs (sites switched off get no hook at all) and whether a stacks-off mark runs before it.
import { excludePatterns, type Settings } from '../model/model';

const AGENT_ID = 'gpumem-agent';
const AGENT_FILE = 'src/agent/agent.iife.js';
const STACKS_OFF_FILE = 'src/agent/stacks-off.iife.js';

type Script = chrome.scripting.RegisteredContentScript;

function wanted(settings: Settings): Script {
  const excludes = excludePatterns(settings.disabledSites);
  return {
    id: AGENT_ID,
    js: settings.stacks ? [AGENT_FILE] : [STACKS_OFF_FILE, AGENT_FILE],
    matches: ['<all_urls>'],
    ...(excludes.length > 0 ? { excludeMatches: excludes } : {}),
    runAt: 'document_start',
    allFrames: true,
    matchOriginAsFallback: true,
    world: 'MAIN',
    persistAcrossSessions: true,
  };
}

function same(a: Script, b: Script): boolean {
  const list = (x: string[] | undefined): string => JSON.stringify(x ?? []);
  return list(a.js) === list(b.js) && list(a.excludeMatches) === list(b.excludeMatches) && list(a.matches) === list(b.matches);
}

/** Makes the registered agent match the settings; a no-op when it does already (every worker start). */
export async function registerAgent(settings: Settings): Promise<void> {
  const want = wanted(settings);
  const [have] = await chrome.scripting.getRegisteredContentScripts({ ids: [AGENT_ID] });
  if (have && same(have, want)) return;
  // updateContentScripts cannot take an exclusion list away, so a change registers the agent anew; pages
  // loaded in the instant between the two calls get no hooks.
  if (have) await chrome.scripting.unregisterContentScripts({ ids: [AGENT_ID] });
  await chrome.scripting.registerContentScripts([want]);
}
