import { expect } from '@playwright/test';
import { test, expectAccessible, staffLogin } from './support';

test('a wrong password is explained next to the field and the address is kept', async ({ page }) => {
  await page.goto('/ansatt/logg-inn');
  await expectAccessible(page);
  await page.getByLabel('E-postadresse').fill('moderator@eksempel.kommune.no');
  await page.getByLabel('Passord').fill('ikke riktig passord');
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page.locator('#f-email-error')).toHaveText('Feil e-postadresse eller passord.');
  await expect(page.getByLabel('E-postadresse')).toHaveValue('moderator@eksempel.kommune.no');
  await expect(page.getByLabel('E-postadresse')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
});

test('staff log in, see their organisations, and log out', async ({ page }) => {
  await staffLogin(page, 'folkevalgt@eksempel.kommune.no', 'demo-passord-folkevalgt');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hei, Frida Folkevalgt');
  await expect(page.getByText('Din rolle: Folkevalgt')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Logg ut' }).click();
  await expect(page.getByRole('link', { name: 'Logg inn for ansatte' })).toBeVisible();
  await page.goto('/ansatt');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Du må logge inn');
});
