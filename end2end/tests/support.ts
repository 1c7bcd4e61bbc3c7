// Shared steps: the accessibility scan, staff login, and reading the file mailbox.
import { expect, Page, test as base, TestInfo } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import * as fs from 'fs';
import * as path from 'path';
import { mailFiles, readMail } from './mailbox';

const stateDir = path.join(__dirname, '..', '.state');

/** Fails on any WCAG 2.1 A/AA violation axe-core finds on the page as it is now. */
export async function expectAccessible(page: Page) {
  if (base.info().project.name === 'no-js') {
    // axe needs JavaScript: scan the same server-rendered page in a scripting context that
    // blocks the app's own scripts, so what is checked is what a no-JS visitor gets.
    const browser = page.context().browser()!;
    const context = await browser.newContext({
      javaScriptEnabled: true,
      storageState: await page.context().storageState(),
    });
    // None of the page's own scripts run (the app's, or one that would submit a form).
    await context.route('**/pkg/**', (route) => route.abort());
    await context.route('**/*.js', (route) => route.abort());
    // The copy shows the very document the visitor has (which may be the answer to a POST, or
    // a one-time link), not a new request for its URL.
    const html = await page.content();
    const url = page.url();
    await context.route(url, (route) => route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }));
    const copy = await context.newPage();
    await copy.goto(url);
    try {
      await scan(copy);
    } finally {
      await context.close();
    }
    return;
  }
  await scan(page);
}

async function scan(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `accessibility violations on ${page.url()}`).toEqual([]);
}

/** A value unique to this run and project (JS on/off share one database). */
export function unique(info: TestInfo, base: string) {
  return `${base}-${info.project.name}-${Date.now()}`;
}

export async function staffLogin(page: Page, email: string, password: string) {
  await page.goto('/ansatt/logg-inn');
  await page.getByLabel('E-postadresse').fill(email);
  await page.getByLabel('Passord').fill(password);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Hei,');
}

/** The decoded text of the newest mail to `recipient` in the file mailbox (waits for the worker). */
export async function newestMailTo(recipient: string): Promise<string> {
  const dir = path.join(stateDir, 'mail');
  for (let i = 0; i < 50; i++) {
    const matching = mailFiles(dir)
      .map((f) => ({ ...readMail(f), at: fs.statSync(f).mtimeMs }))
      .filter((m) => m.to.includes(recipient))
      .sort((a, b) => b.at - a.at);
    if (matching.length > 0) return matching[0].text;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail to ${recipient}`);
}

/** With JavaScript on, waits until the page is hydrated (so clicks go to the app). */
export async function ready(page: Page) {
  if (base.info().project.name === 'js') await page.waitForSelector('body[data-hydrated]');
}

/** Playwright's `test`, whose `page.goto` also waits for hydration in the JavaScript project. */
export const test = base.extend({
  page: async ({ page }, use) => {
    const goto = page.goto.bind(page);
    page.goto = async (url, options) => {
      const response = await goto(url, options);
      await ready(page);
      return response;
    };
    await use(page);
  },
});
