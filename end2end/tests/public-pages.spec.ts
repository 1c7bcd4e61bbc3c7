import { expect } from '@playwright/test';
import { test, expectAccessible } from './support';

test('a visitor finds the municipalities, reads one, and switches language', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle('Forside – Innspill');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Si din mening om saker i kommunen din');
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Eksempel kommune' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Eksempel kommune');
  await expect(page.getByText('Kommunestyret (Kommunestyre / fylkesting)')).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Nynorsk' }).click();
  await expect(page).toHaveURL(/\/org\/eksempel-kommune$/);
  await expect(page.getByText('Innbyggjartal')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nn');
  await expectAccessible(page);

  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.getByText('Population')).toBeVisible();
  await page.getByRole('link', { name: 'Bokmål' }).click();
  await expect(page.getByText('Innbyggertall')).toBeVisible();
});

test('the skip link, privacy and accessibility pages are there', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Hopp til hovedinnholdet' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
  await page.getByRole('link', { name: 'Personvernerklæring' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Personvernerklæring');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Tilgjengelighetserklæring' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tilgjengelighetserklæring');
  await expectAccessible(page);
  // Each organisation's records of processing, from the footer.
  await page.getByRole('contentinfo').getByRole('link', { name: 'Behandlingsprotokoller' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Behandlingsprotokoller');
  await expectAccessible(page);
  await page.getByRole('main').getByRole('link', { name: 'Eksempel kommune' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Behandlingsprotokoll for Eksempel kommune');
  await expect(page.getByRole('heading', { name: 'Underskrifter på innbyggerforslag' })).toBeVisible();
  await expectAccessible(page);
});

test('an unknown address is a 404 page with a way home', async ({ page }) => {
  const response = await page.goto('/org/finnes-ikke');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fant ikke siden');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Til forsiden' }).click();
  await expect(page).toHaveURL(/\/$/);
});

test('a nynorsk county opens in nynorsk, a bokmål municipality in bokmål, and the visitor chooses', async ({ page }) => {
  await page.goto('/org/eksempel-fylkeskommune');
  await expect(page.locator('html')).toHaveAttribute('lang', 'nn');
  await expect(page.getByText('Innbyggjartal')).toBeVisible();
  await expectAccessible(page);
  await page.goto('/org/eksempel-fylkeskommune/horinger');
  await expect(page.locator('html')).toHaveAttribute('lang', 'nn');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Høyringar');
  await expectAccessible(page);

  await page.goto('/org/eksempel-kommune');
  await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
  await expect(page.getByText('Innbyggertall')).toBeVisible();

  // The visitor's own choice wins over the county's written standard.
  await page.goto('/org/eksempel-fylkeskommune');
  await page.getByRole('link', { name: 'Bokmål' }).click();
  await expect(page).toHaveURL(/\/org\/eksempel-fylkeskommune$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
  await expect(page.getByText('Innbyggertall')).toBeVisible();
  await expectAccessible(page);
});
