// `gpumem record --script <file.mjs>`: the user's module, whose default export drives the page as a user
// would (click through routes) while it is recorded. It is the user's own code, loaded before a browser
// starts so that a wrong file fails at once.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';

export class ScriptError extends Error {
  override name = 'ScriptError';
}

/** What a script may call besides the page. */
export interface ScriptHelpers {
  /** Marks a snapshot of the live set in the recording, as the panel's button does; its id and name. */
  snapshot(): Promise<{ id: string; name: string }>;
}

export type UserScript = (page: Page, gpumem: ScriptHelpers) => unknown;

export async function loadUserScript(file: string): Promise<UserScript> {
  const full = resolve(file);
  if (!existsSync(full)) throw new ScriptError(`--script ${file}: no such file`);
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(full).href)) as { default?: unknown };
  } catch (e) {
    throw new ScriptError(`--script ${file} did not load: ${(e as Error).message.split('\n')[0]}`);
  }
  if (typeof mod.default !== 'function') {
    throw new ScriptError(`--script ${file}: its default export must be a function, as \`export default async (page) => { … }\``);
  }
  return mod.default as UserScript;
}
