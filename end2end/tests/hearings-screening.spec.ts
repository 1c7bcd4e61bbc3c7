import { expect, Page } from '@playwright/test';
import {
  test, expectAccessible, idportenLogin, ready, staffLogin, storgataHearingPath, unique,
} from './support';

/** Sends `text` as a general comment (logged in already); returns the reference. */
async function send(page: Page, hearing: string, text: string) {
  await page.goto(`${hearing}/innspill`);
  await expectAccessible(page);
  await page.getByLabel('Generelle kommentarer').fill(text);
  await page.getByLabel('Jeg forstår at innspillet er offentlig og kan bli publisert').check();
  await page.getByRole('button', { name: 'Send innspill' }).click();
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Takk for innspillet');
  await expectAccessible(page);
  return (await page.locator('.reference').textContent())!.trim();
}

test('staff publish, redact and withhold submissions; the public page shows only what may be public', async ({ page, browser }, info) => {
  const hearing = await storgataHearingPath(page);
  const [published, original, redacted, withheld, pending] = [
    'Bra plan', 'Naboen min Hans Hansen i nr. 12 bryter loven', 'Naboen min [navn fjernet] bryter loven',
    'Et ærekrenkende innspill', 'Et innspill som venter',
  ].map((t) => unique(info, t));

  // A citizen (logged in, so no email confirmation) sends four submissions.
  await page.goto(`${hearing}/innspill`);
  await page.getByRole('main').getByRole('link', { name: 'Logg inn med ID-porten' }).click();
  await idportenLogin(page, /^Per Johansen/);
  const refs = [];
  for (const text of [published, original, withheld, pending]) refs.push(await send(page, hearing, text));
  const [refPublished, refRedacted, refWithheld, refPending] = refs;

  // A case officer screens three of them in the workbench.
  const context = await browser.newContext({
    baseURL: info.project.use.baseURL, javaScriptEnabled: info.project.name === 'js', locale: 'nb-NO',
  });
  const staff = await context.newPage();
  await staffLogin(staff, 'saksbehandler@eksempel.kommune.no', 'demo-passord-saksbehandler');
  await staff.goto(`${hearing.replace('/horinger/', '/ansatt/horinger/')}/innspill`);
  await ready(staff);
  await expect(staff.getByRole('heading', { level: 1 })).toHaveText('Innspill til «Reguleringsplan for Storgata 10–14»');
  await expectAccessible(staff);
  const card = (ref: string) => staff.locator(`li[id="${ref}"]`);
  const state = (ref: string) => card(ref).locator('p', { hasText: 'Publisering:' });
  await expect(state(refPending)).toHaveText('Publisering: Venter på gjennomgang');

  // A publication clicked on the wrong card can be undone for a moment; then it is published.
  await card(refPublished).getByRole('button', { name: `Publiser ${refPublished}` }).click();
  await expect(state(refPublished)).toHaveText('Publisering: Publisert');
  await ready(staff);
  await card(refPublished).getByRole('button', { name: `Angre publiseringen av ${refPublished}` }).click();
  await expect(state(refPublished)).toHaveText('Publisering: Venter på gjennomgang');
  await ready(staff);
  await card(refPublished).getByRole('button', { name: `Publiser ${refPublished}` }).click();
  await expect(state(refPublished)).toHaveText('Publisering: Publisert');
  await expect(card(refPublished).getByRole('button', { name: `Publiser ${refPublished}` })).toHaveCount(0);
  await ready(staff);
  await expectAccessible(staff);

  await card(refRedacted).locator('summary', { hasText: 'Publiser en redigert versjon' }).click();
  await card(refRedacted).getByLabel('Offentlig tekst').fill(redacted);
  await card(refRedacted).getByRole('button', { name: 'Publiser den redigerte versjonen' }).click();
  await expect(state(refRedacted)).toHaveText('Publisering: Publisert redigert');
  await ready(staff);
  await expectAccessible(staff);

  await card(refWithheld).locator('summary').filter({ hasText: /^Ikke publiser$/ }).click();
  await card(refWithheld).getByLabel('Grunn').selectOption({ label: 'Ærekrenkende innhold' });
  await card(refWithheld).getByRole('button', { name: 'Ikke publiser', exact: true }).click();
  await expect(state(refWithheld)).toHaveText('Publisering: Ikke publisert: Ærekrenkende innhold');
  await ready(staff);
  await expectAccessible(staff);
  await expect(state(refPending)).toHaveText('Publisering: Venter på gjennomgang');
  await context.close();

  // The public page: the published text and the redacted copy, nothing else of these four.
  await page.goto(hearing);
  await expectAccessible(page);
  await expect(page.locator(`li[id="${refPublished}"]`)).toContainText(published);
  await expect(page.locator(`li[id="${refRedacted}"]`)).toContainText(redacted);
  await expect(page.locator(`li[id="${refRedacted}"]`)).toContainText('Publisert i redigert form');
  await expect(page.locator(`li[id="${refWithheld}"]`)).toHaveCount(0);
  await expect(page.locator(`li[id="${refPending}"]`)).toHaveCount(0);
  const html = await page.content();
  for (const hidden of [original, withheld, pending, 'Hans Hansen']) expect(html).not.toContain(hidden);
});
