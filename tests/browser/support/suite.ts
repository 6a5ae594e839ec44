import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TestApi } from '../../integration/support/http';
import { SHOTS } from './daily';
import { launchBrowser, loginAs, openPage, seriousViolations, startWeb, type WebServer } from './web';

export interface BrowserSuiteOptions {
  /**
   * Extra API configuration, read when the suite starts: after the file's own earlier `beforeAll`
   * hooks, so it may name something one of them started (an SMTP sink's port).
   */
  apiEnv?: () => Record<string, string>;
}

/**
 * One browser test file's stack: the API, the web app and Chromium, started once for the file.
 * The functions do not use `this`: a file may destructure them (`const { as, shot } = suite`).
 */
export interface BrowserSuite {
  /** The API (in process, real PostgreSQL + Redis). Only inside hooks and tests. */
  readonly api: TestApi;
  /** The web app's origin (the Vite dev server, proxying /api to the API). Only inside hooks and tests. */
  readonly url: string;
  /** A fresh page logged in as `username` (own context; closed with the suite); `width` resizes the 1280 × 900 window. */
  as: (username: string, width?: number) => Promise<Page>;
  /** The same, opened at `route` of the web app (e.g. `#/cases/<id>`). */
  openAs: (username: string, route: string, width?: number) => Promise<Page>;
  /** A fresh page of a visitor who is not logged in (own context; closed with the suite). */
  anonymous: () => Promise<Page>;
  /** No serious or critical axe finding on the page as it is now. */
  expectAxeClean: (page: Page) => Promise<void>;
  /** A full-page screenshot to docs/screenshots/<name>.png. */
  shot: (page: Page, name: string) => Promise<void>;
}

/**
 * Declares the lifecycle of a browser test file inside its `describe`: `beforeAll` starts the API,
 * the web app and Chromium; `afterAll` closes every page the file opened and stops them again.
 * Jest runs hooks in the order they are declared: a `beforeAll` the file declares after this call
 * runs once the stack is up (it prepares the file's data through `suite.api`), an `afterAll`
 * declared after it runs once the stack has stopped.
 */
export function useBrowserSuite(options: BrowserSuiteOptions = {}): BrowserSuite {
  // Each file starts its own stack and drives several pages through a real API.
  jest.setTimeout(240_000);
  let api: TestApi | undefined;
  let web: WebServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the browser suite's ${what} is not started: use it inside a hook or a test`);
    return value;
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    api = await TestApi.start(options.apiEnv?.() ?? {});
    web = await startWeb(new URL(api.base).origin);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await web?.stop();
    await api?.stop();
  });

  const as: BrowserSuite['as'] = async (username, width) => {
    const { context, page } = await loginAs(started(browser, 'browser'), started(web, 'web app').url, username);
    contexts.push(context);
    if (width !== undefined) await page.setViewportSize({ width, height: 900 });
    return page;
  };

  return {
    get api() {
      return started(api, 'API');
    },
    get url() {
      return started(web, 'web app').url;
    },
    as,
    openAs: async (username, route, width) => {
      const page = await as(username, width);
      await page.goto(`${started(web, 'web app').url}/${route}`);
      return page;
    },
    anonymous: async () => {
      const { context, page } = await openPage(started(browser, 'browser'), 'anonymous');
      contexts.push(context);
      return page;
    },
    expectAxeClean: async (page) => {
      expect(await seriousViolations(page)).toEqual([]);
    },
    shot: async (page, name) => {
      await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    },
  };
}
