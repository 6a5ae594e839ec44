import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { ROOT, stopChild } from '../../../scripts/lib/harness';

export interface WebServer {
  url: string;
  stop: () => Promise<void>;
}

/** Starts the Vite dev server (tests/browser/support/vite-server.mjs) proxying /api to apiOrigin. */
export function startWeb(apiOrigin: string, timeoutMs = 60_000): Promise<WebServer> {
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'vite-server.mjs')], {
    cwd: ROOT,
    env: { ...process.env, API_URL: apiOrigin },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`vite did not start within ${timeoutMs} ms\n${out}\n${err}`));
    }, timeoutMs);
    child.stderr?.on('data', (d) => (err += d));
    child.stdout?.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      const { url } = JSON.parse(line) as { url: string };
      resolve({
        url,
        stop: () => stopChild(child, 'SIGTERM', 5_000),
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`vite exited with ${code}\n${out}\n${err}`));
    });
  });
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** The desktop viewport every browser context starts with (a 1280 px window). */
const DESKTOP = { width: 1280, height: 900 };

/**
 * A fresh browser context (own sessionStorage) with one page, not logged in. `who` names the page
 * in its diagnostics: a page that never shows what a test waits for usually got a 5xx from the
 * API, so the API's failures and slow answers go to stderr and a timeout in the log names its cause.
 */
export async function openPage(browser: Browser, who: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'da-DK', viewport: DESKTOP });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.on('console', (m) => {
    if (m.type() === 'error') process.stderr.write(`[browser] ${who}: console error: ${m.text().slice(0, 300)}\n`);
  });
  page.on('response', (res) => {
    if (res.status() === 401 || res.status() >= 500) {
      void res
        .text()
        .catch(() => '')
        .then((body) => process.stderr.write(`[browser] ${who}: ${res.request().method()} ${res.url()} → ${res.status()} ${body.slice(0, 500)}\n`));
    }
  });
  page.on('requestfailed', (req) => {
    // ERR_ABORTED is a navigation leaving the page before its reads finished: not a fault.
    if (req.url().includes('/api/') && req.failure()?.errorText !== 'net::ERR_ABORTED') process.stderr.write(`[browser] ${who}: ${req.method()} ${req.url()} failed: ${req.failure()?.errorText ?? ''}\n`);
  });
  page.on('requestfinished', (req) => {
    const t = req.timing();
    if (req.url().includes('/api/') && t.responseEnd > 2_000) process.stderr.write(`[browser] ${who}: ${req.method()} ${req.url()} took ${Math.round(t.responseEnd)} ms\n`);
  });
  return { context, page };
}

/** A fresh browser context (own sessionStorage) logged in through the dev-login page. */
export async function loginAs(browser: Browser, webUrl: string, username: string): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await openPage(browser, username);
  await page.goto(webUrl);
  await page.getByRole('heading', { level: 1, name: 'Log ind' }).waitFor();
  await page.getByLabel(username, { exact: true }).check();
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.getByRole('button', { name: 'Log ud' }).waitFor();
  await page.locator('h1', { hasNotText: 'Log ind' }).waitFor();
  return { context, page };
}

/** Runs axe on the current page; returns the serious/critical violations, formatted. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
}

/** The text of the page's <h1> once it is visible. */
export async function h1(page: Page): Promise<string> {
  const heading = page.locator('h1');
  await heading.first().waitFor();
  return (await heading.first().innerText()).trim();
}

/** A minimal valid PDF (magic bytes + one empty page). */
export function tinyPdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    'latin1',
  );
}

/**
 * The new-case wizard (`#/cases/new` open) for the simplest project — a building in an industrial
 * park in Hillerød's byzone, one permit — through screening to the last step, with `title` typed.
 */
export async function wizardToCreateStep(page: Page, title: string): Promise<void> {
  await page.getByLabel('Kommune', { exact: true }).selectOption('219');
  await page.getByLabel('Byzone').check();
  const question = (name: string) => page.getByRole('group', { name, exact: true });
  await question('Grunden ligger i en udpeget erhvervspark').getByLabel('Ja', { exact: true }).check();
  await question('Nybyggeri eller tilbygning').getByLabel('Ja', { exact: true }).check();
  await page.getByRole('button', { name: 'Se hvilke tilladelser der kræves' }).click();
  await page.getByTestId('screening-result').getByText('Dit projekt kræver 1 tilladelse(r).').waitFor();
  await page.getByRole('button', { name: 'Fortsæt til oprettelse' }).click();
  await page.getByLabel('Sagens titel').fill(title);
}
