import { expect } from '@playwright/test';
import { test, expectAccessible, newestMailTo, osloDate, persona, staffLogin, storgataHearingPath, unique } from './support';

test('anyone follows a hearing by email, confirms it, hears of its extension and unsubscribes', async ({ page, browser }, info) => {
  const email = `${unique(info, 'folger')}@eksempel.no`;
  const hearing = await storgataHearingPath(page);
  await page.goto(hearing);
  await page.getByRole('link', { name: 'Følg saken på e-post' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Følg saken: Reguleringsplan for Storgata 10–14');
  await expectAccessible(page);

  // A wrong address is told next to its field, and what was typed stays.
  await page.getByRole('textbox', { name: 'E-postadresse' }).fill('folger.eksempel.no');
  await page.getByRole('button', { name: 'Send bekreftelseslenke' }).click();
  await expect(page.getByText('Skriv en gyldig e-postadresse, for eksempel navn@eksempel.no.').first()).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'E-postadresse' })).toHaveValue('folger.eksempel.no');
  await expectAccessible(page);

  await page.getByRole('textbox', { name: 'E-postadresse' }).fill(email);
  await page.getByRole('radio', { name: 'Med en gang noe skjer' }).check();
  await page.getByRole('button', { name: 'Send bekreftelseslenke' }).click();
  await expect(page.getByText('Sjekk e-posten din.', { exact: false })).toBeVisible();

  const confirmation = await newestMailTo(email);
  const link = confirmation.match(/http:\/\/\S+\/folg\/bekreft\/[0-9a-f]+/)?.[0];
  expect(link).toBeTruthy();
  await page.goto(link!);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bekreft at du vil følge saken');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Ja, jeg vil følge saken' }).click();
  await expect(page.getByText('Nå følger du saken.', { exact: false })).toBeVisible();
  await expectAccessible(page);

  // The case officer extends the deadline; the follower hears of it.
  const staff = await persona(browser, info);
  await staffLogin(staff, 'saksbehandler@eksempel.kommune.no', 'demo-passord-saksbehandler');
  await staff.goto(hearing.replace('/horinger/', '/ansatt/horinger/'));
  const until = osloDate(info.project.name === 'js' ? 100 : 101);
  await staff.locator('input[name="extend_date"]').fill(until);
  await staff.getByRole('button', { name: 'Forleng fristen' }).click();
  const [y, m, d] = until.split('-').map(Number);
  const months = ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'];
  const told = `${d}. ${months[m - 1]} ${y}`;
  let news = '';
  for (let i = 0; i < 50 && !news.includes(told); i++) {
    news = await newestMailTo(email);
    if (!news.includes(told)) await new Promise((r) => setTimeout(r, 200));
  }
  expect(news).toContain('er forlenget til');
  expect(news).toContain(told);

  // The unsubscribe link works without login: its page says what it stops, the button stops it.
  const out = news.match(/http:\/\/\S+\/avmeld\/\S+/)?.[0];
  expect(out).toBeTruthy();
  const stranger = await persona(browser, info);
  await stranger.goto(out!);
  await expect(stranger.getByRole('heading', { level: 1 })).toHaveText('Meld deg av varsler');
  await expect(stranger.getByText('Reguleringsplan for Storgata 10–14')).toBeVisible();
  await expectAccessible(stranger);
  await stranger.getByRole('button', { name: 'Meld meg av' }).click();
  await expect(stranger.getByRole('heading', { level: 1 })).toHaveText('Du er meldt av');
  await expectAccessible(stranger);
});
