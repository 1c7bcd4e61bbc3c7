import { expect } from '@playwright/test';
import { test, expectAccessible, idportenLogin, storgataHearingPath } from './support';

test('a citizen follows a case, downloads their data and then deletes their account', async ({ page }, info) => {
  // A person of their own per project: the account is gone at the end.
  const person = info.project.name === 'js' ? /^Aisha Ali/ : /^Sara Larsen/;
  await page.goto('/meg');
  await page.getByRole('link', { name: 'Logg inn med ID-porten' }).last().click();
  await idportenLogin(page, person);

  // One click to follow, logged in.
  await page.goto(`${await storgataHearingPath(page)}/folg`);
  await page.getByRole('radio', { name: 'En samle-e-post i uken' }).check();
  await page.getByRole('button', { name: 'Følg saken' }).click();
  await expect(page.getByText('Du følger denne saken.')).toBeVisible();
  await expectAccessible(page);

  await page.goto('/meg');
  await expect(page.getByRole('heading', { name: 'Saker du følger' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Reguleringsplan for Storgata 10–14' }).last()).toBeVisible();
  await page.getByRole('button', { name: 'Lag en ny fil med dataene mine' }).click();
  await expect(page.getByText('Filen lages nå.', { exact: false })).toBeVisible();
  const download = page.getByRole('link', { name: /^Last ned dataene dine/ });
  for (let i = 0; i < 30 && (await download.count()) === 0; i++) {
    await new Promise((r) => setTimeout(r, 500));
    await page.goto('/meg');
  }
  await expect(download).toBeVisible();
  await expectAccessible(page);
  const zip = await page.request.get((await download.getAttribute('href'))!);
  expect(zip.status()).toBe(200);
  expect(zip.headers()['content-type']).toBe('application/zip');
  expect((await zip.body()).subarray(0, 2).toString()).toBe('PK');

  await page.getByRole('link', { name: 'Slett kontoen din' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Slett kontoen din');
  await expect(page.getByText('Saker du følger: 1')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Slett kontoen min' }).click();
  await expect(page.getByText('Kryss av for at du forstår at slettingen ikke kan angres.').first()).toBeVisible();
  await page.getByRole('checkbox', { name: 'Jeg forstår at kontoen min slettes, og at det ikke kan angres' }).check();
  await page.getByRole('button', { name: 'Slett kontoen min' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kontoen din er slettet');
  await expectAccessible(page);
  await page.goto('/meg');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Du er ikke logget inn');
});
