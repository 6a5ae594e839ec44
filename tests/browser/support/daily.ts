import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { ROOT } from '../../../scripts/lib/harness';

export const SHOTS = join(ROOT, 'docs', 'screenshots');
const AXE_LOG = join(ROOT, '.data', 'axe-moderate.log');

/** axe on the current page: returns serious/critical findings; moderate ones are appended to .data/axe-moderate.log. */
export async function axeFindings(page: Page, view: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  const fmt = (v: (typeof results.violations)[number]) => `${v.impact} ${v.id}: ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`;
  const moderate = results.violations.filter((v) => v.impact === 'moderate' || v.impact === 'minor');
  if (moderate.length) {
    mkdirSync(join(ROOT, '.data'), { recursive: true });
    appendFileSync(AXE_LOG, moderate.map((v) => `${view}: ${fmt(v)}\n`).join(''));
  }
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map(fmt);
}

/** Page-level horizontal overflow in CSS px (0 = none): document width beyond the viewport. */
export async function pageOverflow(page: Page): Promise<number> {
  // A string expression: the test tsconfig has no DOM types (this runs in the browser).
  return page.evaluate<number>('Math.max(0, document.documentElement.scrollWidth - window.innerWidth)');
}

/**
 * Checks the current view at 390 px (a phone) and 640 px (a 1280 px window at 200 % zoom): no
 * page-level horizontal scroll and no serious/critical axe finding at either width. Restores
 * the desktop viewport afterwards. Returns the overflow per width (all 0 when it passes).
 */
export async function checkNarrow(page: Page, view: string, ready: () => Promise<unknown>): Promise<{ overflow390: number; overflow640: number; serious: string[] }> {
  const before = page.viewportSize() ?? { width: 1280, height: 900 };
  await page.setViewportSize({ width: 390, height: 844 });
  await ready();
  const overflow390 = await pageOverflow(page);
  const serious = await axeFindings(page, `${view} @390px`);
  await page.setViewportSize({ width: 640, height: 450 });
  await ready();
  const overflow640 = await pageOverflow(page);
  await page.setViewportSize(before);
  return { overflow390, overflow640, serious };
}
