import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe.js';
import { chromiumAvailable, launchChromium } from './chromium.js';

/** The axe helper the browser tests rely on finds real problems (so a clean result means something). */
describe.runIf(chromiumAvailable('the axe helper check'))('axeViolations', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reports an unlabelled field and a missing language, and nothing on a correct page', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.setContent('<!doctype html><html><head><title>t</title></head><body><main><h1>Form</h1><input name="q"></main></body></html>');
    const bad = await axeViolations(browser, page);
    expect(bad.map((v) => v.split(':')[0])).toEqual(expect.arrayContaining(['label', 'html-has-lang']));
    await page.setContent('<!doctype html><html lang="en-GB"><head><title>t</title></head><body><main><h1>Form</h1><label for="q">Search</label><input id="q" name="q"></main></body></html>');
    expect(await axeViolations(browser, page)).toEqual([]);
    await context.close();
  });
});
