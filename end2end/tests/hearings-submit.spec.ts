import { expect } from '@playwright/test';
import {
  test, expectAccessible, idportenLogin, newestMailTo, pdfFile, ready, storgataHearingPath, unique,
} from './support';

test('a citizen logged in with ID-porten sends a comment with an attachment and confirms the address they typed', async ({ page }, info) => {
  const email = `${unique(info, 'ola')}@eksempel.no`.toLowerCase();
  const comment = unique(info, 'Gode sykkelparkeringer trengs');
  await page.goto('/org/eksempel-kommune/horinger');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Reguleringsplan for Storgata 10–14' }).click();
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reguleringsplan for Storgata 10–14');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Send innspill' }).click();
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Send innspill: Reguleringsplan for Storgata 10–14');
  await expectAccessible(page);

  // Logging in from the form comes back to it.
  await page.getByRole('main').getByRole('link', { name: 'Logg inn med ID-porten' }).click();
  await idportenLogin(page, /^Ola Nordmann/);
  await expect(page).toHaveURL(/\/horinger\/\d+\/innspill$/);
  await expect(page.getByText('Du sender som Ola Nordmann, innlogget med ID-porten.')).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('E-postadresse for kvittering (valgfritt)').fill(email);
  await page.getByLabel('Generelle kommentarer').fill(comment);
  await page.getByLabel('Kommentar til 2. Trafikk og parkering').fill('Færre parkeringsplasser, takk.');
  await page.getByLabel('Vedlegg').setInputFiles(pdfFile('sykkelparkering.pdf'));
  await page.getByLabel('Jeg forstår at innspillet er offentlig og kan bli publisert').check();
  await page.getByRole('button', { name: 'Send innspill' }).click();
  await ready(page);
  await expect(page).toHaveURL(/\/kvittering\/INN-/);
  // An address Ola typed (not one confirmed on Min side) is used only once he confirms it.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bekreft innspillet i e-posten');
  const reference = (await page.locator('.reference').textContent())!.trim();
  expect(reference).toMatch(/^INN-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expectAccessible(page);

  const mail = await newestMailTo(email);
  expect(mail).toContain(reference);
  expect(mail).not.toContain(comment);
  const link = mail.match(/http:\/\/\S+\/innspill\/bekreft\/[0-9A-Za-z_-]+/)?.[0];
  expect(link).toBeTruthy();
  await page.goto(link!);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bekreft innspillet ditt');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Bekreft innspillet' }).click();
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Takk for innspillet');
  await expect(page.locator('.reference')).toHaveText(reference);
});

test('a citizen without login sends a comment and confirms it from the emailed link', async ({ page }, info) => {
  const email = `${unique(info, 'anne')}@eksempel.no`.toLowerCase();
  const comment = unique(info, 'Møteplassen ved elva bør ha benker');
  await page.goto(`${await storgataHearingPath(page)}/innspill`);
  await expectAccessible(page);
  await page.getByLabel('Navn', { exact: true }).fill('Anne Innbygger');
  await page.getByLabel('E-postadresse', { exact: true }).fill(email);
  await page.getByLabel('Kommentar til 3. Møteplass ved elva').fill(comment);
  await page.getByLabel('Jeg forstår at innspillet er offentlig og kan bli publisert').check();
  await page.getByRole('button', { name: 'Send innspill' }).click();
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bekreft innspillet i e-posten');
  const reference = (await page.locator('.reference').textContent())!.trim();
  expect(reference).toMatch(/^INN-/);
  await expectAccessible(page);

  const mail = await newestMailTo(email);
  expect(mail).toContain(reference);
  expect(mail).not.toContain(comment);
  expect(mail).not.toContain('Anne Innbygger');
  const link = mail.match(/http:\/\/\S+\/innspill\/bekreft\/[0-9A-Za-z_-]+/)?.[0];
  expect(link).toBeTruthy();
  await page.goto(link!);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bekreft innspillet ditt');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Bekreft innspillet' }).click();
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Takk for innspillet');
  await expect(page.locator('.reference')).toHaveText(reference);
  await expectAccessible(page);
});
