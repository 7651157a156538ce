import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (apt-get install -y chromium); .ci/run installs it. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * Whether a browser test can run here. Without Chromium it says so loudly and the test is skipped, except under
 * CI=true, where a missing browser is a failure (the project's rule: CI never skips a service it needs).
 * `what` names the test in the messages, e.g. "the preference centre browser test".
 */
export function chromiumAvailable(what: string): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI === 'true') throw new Error(`Chromium is required under CI (apt-get install -y chromium) for ${what}.`);
  console.warn(`\n!!! Chromium not found at ${CHROMIUM_PATH}: ${what} is SKIPPED on this machine. !!!\n`);
  return false;
}

/** Starts headless Chromium with the project's flags. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
