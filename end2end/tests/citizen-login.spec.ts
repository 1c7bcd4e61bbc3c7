import { expect, Page } from '@playwright/test';
import { test, expectAccessible, newestMailTo, ready } from './support';

/** At the ID-porten stand-in's TestID page: pick a person and a level, and log in. */
async function logInAt(page: Page, person: RegExp, level: 'Betydelig' | 'Høy') {
  await expect(page.getByRole('heading', { level: 1 })).toContainText('TestID');
  await page.getByRole('radio', { name: person }).check();
  await page.getByRole('radio', { name: new RegExp(`^${level}`) }).check();
  await page.getByRole('button', { name: 'Logg inn', exact: true }).click();
  await ready(page);
}

test('a citizen logs in with ID-porten, sees it, and logs out through ID-porten', async ({ page }, info) => {
  await page.goto('/org/eksempel-kommune');
  await page.getByRole('link', { name: 'Logg inn med ID-porten' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('TestID');
  await expectAccessible(page);
  await logInAt(page, /^Kari Nordmann/, 'Høy');

  await expect(page).toHaveURL(/\/org\/eksempel-kommune$/);
  await expect(page.getByRole('link', { name: 'Kari Nordmann' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Kari Nordmann' }).click();
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Min side');
  await expect(page.getByText('ID-porten, sikkerhetsnivå Høyt')).toBeVisible();
  await expect(page.getByText('Du kan gi innspill til høringer og skrive under på innbyggerforslag.')).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Logg ut' }).first().click();
  if (info.project.name === 'no-js') {
    // Without JavaScript each step of the end-session flow is one button.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Logger ut');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Fortsett utloggingen i ID-porten' }).click();
    await page.getByRole('button', { name: 'Fortsett utlogging', exact: true }).click();
  }
  await expect(page).toHaveURL(/\/utlogget$/);
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Du er logget ut');
  await expect(page.getByRole('link', { name: 'Logg inn med ID-porten' })).toBeVisible();
  await expectAccessible(page);
  await page.goto('/meg');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Du er ikke logget inn');

  // Logged out at ID-porten too: the next login asks who you are again.
  await page.getByRole('link', { name: 'Logg inn med ID-porten' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('TestID');
});

test('Min side lists the initiatives a citizen has signed, with a way to withdraw while it collects', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Logg inn med ID-porten' }).click();
  await logInAt(page, /^Ola Nordmann/, 'Betydelig');
  await page.goto('/meg');
  await ready(page);
  await expect(page.getByRole('heading', { name: 'Underskriftene dine' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Gratis parkering i sentrum på lørdager' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Trekk underskriften på «Gratis parkering i sentrum på lørdager»' })).toBeVisible();
  // Submitted to the council: no longer to withdraw.
  await expect(page.getByRole('link', { name: 'Lengre åpningstid på biblioteket' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Lengre åpningstid/ })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Innspillene dine' })).toBeVisible();
  await expectAccessible(page);
});

test('a citizen without a Norwegian national id may comment but is told they cannot sign', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Logg inn med ID-porten' }).click();
  await logInAt(page, /^Marie Dubois/, 'Betydelig');
  await page.goto('/meg');
  await expect(page.getByText('Du logget inn uten norsk fødselsnummer eller d-nummer.', { exact: false })).toBeVisible();
  await expectAccessible(page);
});

test('a citizen adds an email address and confirms it from the mailed link', async ({ page }, info) => {
  const email = `ola-${info.project.name}-${Date.now()}@eksempel.no`;
  await page.goto('/meg');
  await page.getByRole('link', { name: 'Logg inn med ID-porten' }).last().click();
  await logInAt(page, /^Ola Nordmann/, 'Betydelig');
  await expect(page).toHaveURL(/\/meg$/);

  await page.getByRole('textbox', { name: 'E-postadresse' }).fill('ola.eksempel.no');
  await page.getByRole('button', { name: 'Send bekreftelseslenke' }).click();
  await expect(page.locator('#f-email-error')).toHaveText('Skriv en gyldig e-postadresse, for eksempel navn@eksempel.no.');
  await expect(page.getByRole('textbox', { name: 'E-postadresse' })).toHaveValue('ola.eksempel.no');
  await expectAccessible(page);

  await page.getByRole('textbox', { name: 'E-postadresse' }).fill(email);
  await page.getByRole('button', { name: 'Send bekreftelseslenke' }).click();
  await expect(page.getByText(`Vi har sendt en lenke til ${email}.`)).toBeVisible();
  const mail = await newestMailTo(email);
  const link = mail.match(/http:\/\/\S+\/meg\/epost\/[0-9a-f]+/)?.[0];
  expect(link).toBeTruthy();
  // Opening the link (as a mail scanner would) confirms nothing; the button does.
  await page.goto(link!);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bekreft e-postadresse');
  await expect(page.getByText(`Vil du bruke ${email} til kvitteringer og varsler i Innspill?`)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Bekreft e-postadressen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('E-postadressen er bekreftet');
  await expectAccessible(page);
  await page.goto('/meg');
  await expect(page.getByText(`Adressen din er ${email}.`)).toBeVisible();
});
