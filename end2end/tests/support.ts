// Shared steps: the accessibility scan, staff login, and reading the file mailbox.
import { Browser, expect, Page, test as base, TestInfo } from '@playwright/test';
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
    // None of the page's own scripts run (the islands', or one that would submit a form); its
    // stylesheet loads, as it does for the visitor.
    await context.route(/\.(js|wasm)(\?.*)?$/, (route) => route.abort());
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
  await expectNoSidewaysScroll(page);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `accessibility violations on ${page.url()}`).toEqual([]);
}

/**
 * Fails if the page, 320 CSS px wide (1280 px at 400 % zoom), scrolls sideways (WCAG 1.4.10),
 * naming the widest elements.
 */
async function expectNoSidewaysScroll(page: Page) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 640 });
  try {
    const wide = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      if (document.documentElement.scrollWidth <= width) return [];
      return [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > width + 1)
        .slice(-5)
        .map((e) => `${e.tagName.toLowerCase()}${e.className ? '.' + String(e.className).split(' ').join('.') : ''} (${Math.round(e.getBoundingClientRect().right)} px)`);
    });
    expect(wide, `${page.url()} scrolls sideways at 320 px`).toEqual([]);
  } finally {
    if (size) await page.setViewportSize(size);
  }
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

/**
 * The decoded text of the newest mail to `recipient` that contains `text` (and was written
 * after `since`, a `Date.now()`, when given), waiting up to 30 s for the worker (a mail queued
 * by the fan-out may come after others to the same address).
 */
export async function mailContaining(recipient: string, text: string, since = 0): Promise<string> {
  const dir = path.join(stateDir, 'mail');
  for (let i = 0; i < 150; i++) {
    const found = mailFiles(dir)
      .map((f) => ({ ...readMail(f), at: fs.statSync(f).mtimeMs }))
      .filter((m) => m.at >= since && m.to.includes(recipient) && m.text.includes(text))
      .sort((a, b) => b.at - a.at)[0];
    if (found) return found.text;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail to ${recipient} containing ${JSON.stringify(text)}`);
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

/** The date `days` days from today in Norway, as an <input type=date> takes it (YYYY-MM-DD). */
export function osloDate(days = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date());
  const [y, m, d] = today.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** A tiny, valid one-page PDF file for an upload field. */
export function pdfFile(name: string, text = 'Innspill e2e') {
  const buffer = Buffer.from(
    `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj
trailer << /Root 1 0 R >>
%% ${text}
%%EOF
`,
  );
  return { name, mimeType: 'application/pdf', buffer };
}

/** At the ID-porten stand-in's TestID page: picks a person and a level, and logs in. */
export async function idportenLogin(page: Page, person: RegExp, level: 'Betydelig' | 'Høy' = 'Betydelig') {
  await expect(page.getByRole('heading', { level: 1 })).toContainText('TestID');
  await page.getByRole('radio', { name: person }).check();
  await page.getByRole('radio', { name: new RegExp(`^${level}`) }).check();
  await page.getByRole('button', { name: 'Logg inn', exact: true }).click();
  await ready(page);
}

/** The path of the demo's open hearing "Reguleringsplan for Storgata 10–14" (read from the list). */
export async function storgataHearingPath(page: Page): Promise<string> {
  const html = await (await page.request.get('/org/eksempel-kommune/horinger')).text();
  const href = html.match(/href="(\/org\/eksempel-kommune\/horinger\/\d+)"[^>]*>Reguleringsplan for Storgata 10–14</)?.[1];
  expect(href, 'the Storgata hearing in the public list').toBeTruthy();
  return href!;
}

/**
 * Another person at another browser (own cookies), in this project's JavaScript mode. Its
 * `goto` waits for hydration like the `page` fixture's.
 */
export async function persona(browser: Browser, info: TestInfo): Promise<Page> {
  const context = await browser.newContext({
    baseURL: info.project.use.baseURL,
    javaScriptEnabled: info.project.use.javaScriptEnabled,
    locale: 'nb-NO',
  });
  const page = await context.newPage();
  const goto = page.goto.bind(page);
  page.goto = async (url, options) => {
    const response = await goto(url, options);
    await ready(page);
    return response;
  };
  return page;
}

/** Confirms `email` as the logged-in citizen's address (Min side, then the mailed link). */
export async function confirmCitizenEmail(page: Page, email: string) {
  await page.goto('/meg');
  await page.getByRole('textbox', { name: 'E-postadresse' }).fill(email);
  await page.getByRole('button', { name: 'Send bekreftelseslenke' }).click();
  await expect(page.getByText(`Vi har sendt en lenke til ${email}.`)).toBeVisible();
  const mail = await newestMailTo(email);
  const link = mail.match(/http:\/\/\S+\/meg\/epost\/[0-9a-f]+/)?.[0];
  expect(link).toBeTruthy();
  await page.goto(link!);
  await page.getByRole('button', { name: 'Bekreft e-postadressen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('E-postadressen er bekreftet');
}
