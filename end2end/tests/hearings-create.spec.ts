import { expect } from '@playwright/test';
import { test, expectAccessible, osloDate, pdfFile, ready, staffLogin, unique } from './support';

test('a case officer creates, fills in and publishes a hearing, which opens at once', async ({ page }, info) => {
  const title = unique(info, 'Høring om ny gangbru');
  const document = unique(info, 'Konsekvensutredning');
  await staffLogin(page, 'saksbehandler@eksempel.kommune.no', 'demo-passord-saksbehandler');
  await page.goto('/org/eksempel-kommune/ansatt/horinger');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Ny høring' }).click();
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ny høring');
  await expectAccessible(page);

  // A deadline under six weeks needs a reason; what was typed is kept.
  await page.getByLabel('Tittel').fill(title);
  await page.getByLabel('Sammendrag').fill('Kommunen vil bygge en gangbru over elva ved skolen.');
  await page.getByLabel('Tekst', { exact: true }).fill('## Bakgrunn\n\nMange barn krysser elva hver dag.');
  await page.getByLabel('Saksnummer').fill('2026/4242');
  await page.getByLabel('Kontaktperson', { exact: true }).fill('Sigurd Saksbehandler');
  await page.getByLabel('Kontaktpersonens e-postadresse').fill('postmottak@eksempel.kommune.no');
  await page.getByRole('group', { name: 'Åpner' }).getByLabel('Dato').fill(osloDate(0));
  await page.getByRole('group', { name: 'Høringsfrist' }).getByLabel('Dato').fill(osloDate(20));
  await page.getByRole('button', { name: 'Opprett høringen' }).click();
  const reason = page.getByLabel('Begrunnelse for kort frist');
  await expect(page.locator('#f-short_reason-error')).toHaveText(
    'Høringsfristen er kortere enn seks uker. Skriv en begrunnelse; den vises på høringssiden.',
  );
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(reason).toHaveAccessibleDescription(/Skriv en begrunnelse; den vises på høringssiden\./);
  await expect(page.getByLabel('Tittel')).toHaveValue(title);
  await expect(page.getByLabel('Saksnummer')).toHaveValue('2026/4242');
  await expect(page.getByRole('group', { name: 'Høringsfrist' }).getByLabel('Dato')).toHaveValue(osloDate(20));
  await expectAccessible(page);

  // Six weeks or more: no reason needed. The new hearing opens in its editor.
  await page.getByRole('group', { name: 'Høringsfrist' }).getByLabel('Dato').fill(osloDate(50));
  await page.getByRole('button', { name: 'Opprett høringen' }).click();
  await expect(page).toHaveURL(/\/org\/eksempel-kommune\/ansatt\/horinger\/\d+$/);
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expectAccessible(page);

  // A document (a plain multipart form) and two sections.
  await page.getByLabel('Tittel på dokumentet').fill(document);
  await page.getByLabel('Fil', { exact: true }).setInputFiles(pdfFile('utredning.pdf'));
  await page.getByRole('button', { name: 'Last opp' }).click();
  await ready(page);
  const documents = page.getByRole('region', { name: 'Dokumenter' });
  await expect(documents.getByRole('link', { name: document })).toBeVisible();
  await expectAccessible(page);
  const sections = page.getByRole('region', { name: 'Høringsnotatet' });
  for (const [heading, text] of [
    ['Plassering', 'Brua legges ved skolen.'],
    ['Kostnader', 'Brua koster om lag 12 millioner kroner.'],
  ]) {
    await sections.getByLabel('Overskrift').fill(heading);
    await sections.getByLabel('Tekst').fill(text);
    await sections.getByRole('button', { name: 'Legg til delen' }).click();
    await expect(sections.getByText(text)).toBeVisible();
    await expectAccessible(page);
  }
  await expect(sections.getByText('1. Plassering', { exact: true })).toBeVisible();
  await expect(sections.getByText('2. Kostnader', { exact: true })).toBeVisible();

  await page.getByRole('region', { name: 'Status' }).getByRole('button', { name: 'Publiser' }).click();
  await expect(page.getByRole('link', { name: 'Se den offentlige siden' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Se den offentlige siden' }).click();
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByText('Åpen for innspill', { exact: true })).toBeVisible();
  const link = page.getByRole('region', { name: 'Dokumenter' }).getByRole('link', { name: document });
  await expect(link).toBeVisible();
  await expect(page.getByRole('heading', { name: '1. Plassering' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '2. Kostnader' })).toBeVisible();
  await expect(page.getByText('Brua koster om lag 12 millioner kroner.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Send innspill' })).toBeVisible();
  await expectAccessible(page);
  const file = await page.request.get((await link.getAttribute('href'))!);
  expect(file.ok()).toBe(true);
  expect((await file.body()).subarray(0, 5).toString()).toBe('%PDF-');
});
