// A citizen panel: staff set one up and see its members against the population; a resident
// joins from the panel's page (told what is missing, nothing lost) and leaves from Min side.
// Every page is scanned with axe.
import { expect } from '@playwright/test';
import { test, expectAccessible, idportenLogin, persona, ready, staffLogin, unique } from './support';

const DEMO_PANEL = 'Innbyggerpanelet i Eksempel kommune';

test('staff set up a panel, a resident joins it and leaves again', async ({ page, browser }, info) => {
  test.setTimeout(120_000);
  const js = info.project.name === 'js';
  const name = unique(info, 'Ungdomspanelet');

  await staffLogin(page, 'saksbehandler@eksempel.kommune.no', 'demo-passord-saksbehandler');
  await page.goto('/org/eksempel-kommune/ansatt/innbyggerpanel');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Innbyggerpanel');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Nytt innbyggerpanel' }).click();
  await ready(page);
  await expectAccessible(page);
  // No purpose and no districts: told at each field, the name kept.
  await page.getByLabel('Navn på panelet').fill(name);
  await page.getByRole('button', { name: 'Opprett panelet' }).click();
  await ready(page);
  await expect(page.locator('#f-purpose-error')).toHaveText('Skriv hva panelet skal brukes til.');
  await expect(page.locator('#f-districts-error')).toHaveText('Skriv minst ett område.');
  await expect(page.getByLabel('Navn på panelet')).toHaveValue(name);
  await expectAccessible(page);
  await page.getByLabel('Formål').fill('Vi spør unge om fritidstilbudet to ganger i året.');
  await page.getByLabel('Inndeling').selectOption('skolekrets');
  await page.getByLabel('Områder').fill('Byskogen\nHaugen');
  await page.getByRole('button', { name: 'Opprett panelet' }).click();
  await expect(page).toHaveURL(/\/ansatt\/innbyggerpanel\/\d+$/);
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.getByText('0 medlemmer nå.')).toBeVisible();

  // The demo panel: its members beside the population, and what it stores.
  await page.goto('/org/eksempel-kommune/ansatt/innbyggerpanel');
  await page.getByRole('link', { name: DEMO_PANEL }).click();
  await ready(page);
  const byAge = page.getByRole('table', { name: 'Medlemmer og befolkning etter aldersgruppe' });
  await expect(byAge.getByRole('columnheader', { name: 'Andel av innbyggerne' })).toBeVisible();
  await expect(byAge.getByRole('rowheader', { name: '80 +' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: /Hva panelet lagrer/ }).click();
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hva panelet lagrer, hvor og hvor lenge');
  await expectAccessible(page);

  // A resident finds the panel, logs in from its page and joins.
  const resident = await persona(browser, info);
  await resident.goto('/org/eksempel-kommune/innbyggerpanel');
  await expectAccessible(resident);
  await resident.getByRole('link', { name: DEMO_PANEL }).click();
  await ready(resident);
  await expect(resident.getByRole('heading', { name: 'Dette sier du ja til' })).toBeVisible();
  await expectAccessible(resident);
  await resident.getByRole('link', { name: 'Logg inn for å bli med' }).click();
  await idportenLogin(resident, js ? /^Lars Erik Olsen/ : /^Per Johansen/);
  await expect(resident).toHaveURL(/\/innbyggerpanel\/\d+$/);
  await expect(resident.getByRole('heading', { name: 'Bli med i panelet' })).toBeVisible();
  await resident.getByLabel('E-postadresse').fill('panel@eksempel.no');
  await resident.getByRole('button', { name: 'Bli med', exact: true }).click();
  await ready(resident);
  await expect(resident.locator('#f-consent-error')).toHaveText('Kryss av for at du sier ja til å være med.');
  await expect(resident.locator('#f-district-error')).toHaveText('Velg området du bor i.');
  await expect(resident.getByLabel('E-postadresse')).toHaveValue('panel@eksempel.no');
  await expectAccessible(resident);
  await resident.getByRole('radio', { name: 'Vil ikke oppgi' }).check();
  await resident.getByLabel('Bydel du bor i').selectOption({ label: 'Nord' });
  await resident.getByRole('checkbox', { name: /sier ja til å være med/ }).check();
  await resident.getByRole('button', { name: 'Bli med', exact: true }).click();
  await ready(resident);
  await expect(resident.getByRole('heading', { name: 'Du er med i panelet' })).toBeVisible();
  await expectAccessible(resident);

  // Min side lists it; one click leaves, deleting the answers.
  await resident.goto('/meg');
  const panels = resident.getByRole('region', { name: 'Innbyggerpanel du er med i' });
  await expect(panels.getByRole('link', { name: DEMO_PANEL })).toBeVisible();
  await expectAccessible(resident);
  await panels.getByRole('button', { name: 'Meld meg ut og slett svarene mine' }).click();
  await ready(resident);
  await expect(resident.getByText('Du er ikke med i noe innbyggerpanel.')).toBeVisible();
  await resident.context().close();
});
