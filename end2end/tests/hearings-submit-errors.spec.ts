import { expect } from '@playwright/test';
import { test, expectAccessible, pdfFile, ready, storgataHearingPath, unique } from './support';

test('bad input on the submission form is explained next to the fields and what was typed is kept', async ({ page }, info) => {
  const email = `${unique(info, 'per')}@eksempel.no`.toLowerCase();
  const comment = unique(info, 'Høydene mot elva er for store');
  await page.goto(`${await storgataHearingPath(page)}/innspill`);
  await expectAccessible(page);

  await page.getByLabel('Navn', { exact: true }).fill('Per Johansen');
  await page.getByLabel('E-postadresse', { exact: true }).fill(email);
  await page.getByRole('radio', { name: 'På vegne av en organisasjon' }).check();
  await page.getByLabel('Organisasjonens navn').fill('Storgata velforening');
  await page.getByLabel('Generelle kommentarer').fill(comment);
  await page.getByLabel('Kommentar til 1. Boliger og høyder').fill('Tre etasjer er nok.');
  // Named .pdf, but not a PDF; and the public-confirmation box is left unticked.
  await page.getByLabel('Vedlegg').setInputFiles({
    name: 'innspill.pdf', mimeType: 'application/pdf', buffer: Buffer.from('Dette er bare tekst.\n'),
  });
  await page.getByRole('button', { name: 'Send innspill' }).click();
  await ready(page);

  const files = page.getByLabel('Vedlegg');
  await expect(page.locator('#f-attachments-error')).toHaveText(
    'En av filene er ikke PDF, ODT, DOCX, PNG eller JPEG. Vi sjekker innholdet, ikke bare navnet. Alt annet du skrev er tatt vare på; velg filene på nytt.',
  );
  await expect(files).toHaveAttribute('aria-invalid', 'true');
  await expect(files).toHaveAccessibleDescription(/En av filene er ikke PDF/);
  const confirm = page.getByLabel('Jeg forstår at innspillet er offentlig og kan bli publisert');
  await expect(page.locator('#f-confirm_public-error')).toHaveText('Du må bekrefte at du forstår at innspillet blir offentlig.');
  await expect(confirm).toHaveAttribute('aria-invalid', 'true');
  await expect(confirm).toHaveAccessibleDescription('Du må bekrefte at du forstår at innspillet blir offentlig.');
  await expect(confirm).not.toBeChecked();

  await expect(page.getByLabel('Navn', { exact: true })).toHaveValue('Per Johansen');
  await expect(page.getByLabel('E-postadresse', { exact: true })).toHaveValue(email);
  await expect(page.getByRole('radio', { name: 'På vegne av en organisasjon' })).toBeChecked();
  await expect(page.getByLabel('Organisasjonens navn')).toHaveValue('Storgata velforening');
  await expect(page.locator('#f-org_number-error')).toHaveText('Skriv organisasjonsnummeret med ni sifre, for eksempel 974 760 673.');
  await expect(page.getByLabel('Generelle kommentarer')).toHaveValue(comment);
  await expect(page.getByLabel('Kommentar til 1. Boliger og høyder')).toHaveValue('Tre etasjer er nok.');
  await expectAccessible(page);

  // Corrected: an organisation needs its number too; then it goes through.
  await page.getByLabel('Organisasjonsnummer').fill('974760673');
  await files.setInputFiles(pdfFile('innspill.pdf'));
  await confirm.check();
  await page.getByRole('button', { name: 'Send innspill' }).click();
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bekreft innspillet i e-posten');
  await expect(page.locator('.reference')).toHaveText(/^INN-/);
  await expectAccessible(page);
});
