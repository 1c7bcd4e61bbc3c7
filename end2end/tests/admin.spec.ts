import { expect } from '@playwright/test';
import { test, expectAccessible, newestMailTo, ready, staffLogin, unique } from './support';

test('an admin adds a body, and bad input is explained and kept', async ({ page }, info) => {
  await staffLogin(page, 'admin@eksempel.kommune.no', 'demo-passord-admin');
  await page.goto('/org/eksempel-kommune/admin');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Administrasjon: Eksempel kommune');
  await expectAccessible(page);

  await page.getByLabel('Navn på organet').fill('X');
  await page.getByRole('button', { name: 'Legg til' }).click();
  await expect(page.locator('#f-body_name-error')).toHaveText('Skriv et navn på 2 til 120 tegn.');
  await expect(page.getByLabel('Navn på organet')).toHaveValue('X');

  const name = unique(info, 'Bydelsutvalg');
  await page.getByLabel('Navn på organet').fill(name);
  await page.getByLabel('Type organ').selectOption('district_committee');
  await page.getByRole('button', { name: 'Legg til' }).click();
  await expect(page.getByRole('button', { name: `Fjern ${name}` })).toBeVisible();
  await page.goto('/org/eksempel-kommune');
  await expect(page.getByText(`${name} (Bydelsutvalg)`)).toBeVisible();
});

test('an admin invites a colleague, who creates an account from the mailed link', async ({ page, browser }, info) => {
  const email = `${unique(info, 'ny')}@eksempel.kommune.no`.toLowerCase();
  await staffLogin(page, 'admin@eksempel.kommune.no', 'demo-passord-admin');
  await page.goto('/org/eksempel-kommune/admin');
  await page.getByLabel('E-postadresse').fill(email);
  await page.getByLabel('Rolle', { exact: true }).selectOption('case_officer');
  await page.getByRole('button', { name: 'Send invitasjon' }).click();
  await expect(page.getByText(`${email} som Saksbehandler`)).toBeVisible();

  const mail = await newestMailTo(email);
  const link = mail.match(/http:\/\/\S+\/invitasjon\/[0-9a-f]+/)?.[0];
  expect(link).toBeTruthy();

  const context = await browser.newContext({ javaScriptEnabled: info.project.name === 'js' });
  const colleague = await context.newPage();
  await colleague.goto(link!);
  await ready(colleague);
  await expect(colleague.getByRole('heading', { level: 1 })).toHaveText('Opprett bruker');
  await expectAccessible(colleague);
  await colleague.getByLabel('Fullt navn').fill('Nils Ny');
  await colleague.getByLabel('Velg passord').fill('kort');
  await colleague.getByRole('button', { name: 'Opprett bruker' }).click();
  await expect(colleague.locator('#f-password-error')).toHaveText('Passordet må ha minst 12 tegn.');
  await expect(colleague.getByLabel('Fullt navn')).toHaveValue('Nils Ny');
  await colleague.getByLabel('Velg passord').fill('et langt og godt passord');
  await colleague.getByRole('button', { name: 'Opprett bruker' }).click();
  await expect(colleague).toHaveURL(/\/ansatt\/logg-inn/);
  await staffLogin(colleague, email, 'et langt og godt passord');
  await expect(colleague.getByText('Din rolle: Saksbehandler')).toBeVisible();
  await context.close();
});
