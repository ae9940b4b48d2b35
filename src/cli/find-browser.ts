// Finds a Chromium-family browser: --browser, then $CHROME_PATH, then the usual install paths.
import { accessSync, constants } from 'node:fs';

export const USUAL_BROWSER_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export class NoBrowserError extends Error {
  override name = 'NoBrowserError';
}

export function findBrowser(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) {
    if (executable(explicit)) return explicit;
    throw new NoBrowserError(`--browser ${explicit}: no executable there.`);
  }
  const fromEnv = env.CHROME_PATH;
  if (fromEnv) {
    if (executable(fromEnv)) return fromEnv;
    throw new NoBrowserError(`CHROME_PATH=${fromEnv}: no executable there.`);
  }
  const found = USUAL_BROWSER_PATHS.find(executable);
  if (found) return found;
  throw new NoBrowserError(
    'No Chromium-family browser found. Pass --browser <path> or set CHROME_PATH ' +
      `(looked in: ${USUAL_BROWSER_PATHS.join(', ')}). On Debian: apt-get install chromium.`,
  );
}
