import { expect } from '@playwright/test';
import { test, expectAccessible, mailContaining, staffLogin } from './support';

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

test('a staff member who forgot the password sets a new one through a mailed link', async ({ page }, info) => {
  const email = 'admin@eksempel.fylkeskommune.no';
  const password = `nytt og langt passord ${info.project.name}`;
  await page.goto('/ansatt/logg-inn');
  await page.getByRole('link', { name: 'Glemt passordet?' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Glemt passordet?');
  await expectAccessible(page);
  await page.getByLabel('E-postadresse').fill(email);
  const asked = Date.now() - 1000;
  await page.getByRole('button', { name: 'Send lenke' }).click();
  await expect(page.getByText(/Hvis adressen har en bruker i Innspill, har vi sendt en lenke/)).toBeVisible();

  const mail = await mailContaining(email, '/ansatt/nytt-passord/', asked);
  const link = mail.match(/http:\/\/\S+\/ansatt\/nytt-passord\/\S+/)?.[0];
  expect(link).toBeTruthy();
  await page.goto(link!);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lag et nytt passord');
  await page.getByLabel('Nytt passord').fill('kort');
  await page.getByRole('button', { name: 'Lagre passordet' }).click();
  await expect(page.locator('#f-password-error')).toHaveText('Passordet må ha minst 12 tegn.');
  await expectAccessible(page);
  await page.getByLabel('Nytt passord').fill(password);
  await page.getByRole('button', { name: 'Lagre passordet' }).click();
  await expect(page.getByText('Passordet er endret. Logg inn med det nye passordet.')).toBeVisible();
  await expectAccessible(page);

  await staffLogin(page, email, password);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hei, Fredrik Fylkesadmin');
  // The link worked once.
  await page.goto(link!);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lenken virker ikke');
});
