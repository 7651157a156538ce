import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';

/** axe-core's browser build, found as Node resolves the package (wherever npm placed it). */
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The rule sets checked: WCAG 2.2 A and AA, and axe's best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * axe-core's violations for what the page shows, as "rule: offending HTML" lines (empty when clean). The pages forbid
 * scripts (CSP script-src 'self', and JavaScript is off in some runs), so the page's HTML as it stands is loaded into a
 * scratch page with JavaScript on and the same viewport, and axe runs there.
 */
export async function axeViolations(browser: Browser, p: Page): Promise<string[]> {
  const ctx = await browser.newContext({ viewport: p.viewportSize() ?? { width: 1280, height: 900 } });
  try {
    const scratch = await ctx.newPage();
    await scratch.setContent(await p.content());
    await scratch.addScriptTag({ content: AXE });
    return await scratch.evaluate(async (tags) => {
      const axe = (window as unknown as { axe: { run: (d: Document, o: object) => Promise<{ violations: { id: string; nodes: { html: string }[] }[] }> } }).axe;
      const r = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
      return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
    }, AXE_TAGS);
  } finally {
    await ctx.close();
  }
}

/** What has the keyboard focus: its tag, name, value, text and whether its focus outline is visible. */
export function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const s = el ? getComputedStyle(el) : undefined;
    return {
      tag: el?.tagName ?? '',
      name: (el as HTMLInputElement | null)?.name ?? '',
      value: (el as HTMLInputElement | null)?.value ?? '',
      text: el?.textContent?.trim() ?? '',
      outline: s ? `${s.outlineStyle} ${s.outlineWidth}` : '',
    };
  });
}

/** Presses Tab until the focused element matches (at most `max` times); fails unless its focus is visible (an outline of 3px or more). */
export async function tabTo(page: Page, match: (f: Awaited<ReturnType<typeof focused>>) => boolean, what: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (match(f)) {
      if (!/^solid ([3-9]|\d{2})/.test(f.outline)) throw new Error(`focus on ${what} is not visible (outline: ${f.outline})`);
      return;
    }
  }
  throw new Error(`Tab never reached ${what}`);
}
