// A citizen initiative from proposal to the council's decision, in Lillevik kommune (100
// inhabitants, so two signatures reach the threshold): Lise proposes, the municipality screens,
// Tor and Eva sign while Mari (who lives in Oslo) is refused, Lise submits, staff record the
// council's decision, and the public page shows it. Every page is scanned with axe.
import { expect, Page } from '@playwright/test';
import {
  confirmCitizenEmail, expectAccessible, idportenLogin, mailContaining, newestMailTo, osloDate, persona, ready,
  staffLogin, test, unique,
} from './support';

/** Logs in from the initiative's page with "Logg inn for å skrive under" and comes back. */
async function logInToSign(page: Page, path: string, person: RegExp) {
  await page.goto(path);
  await page.getByRole('link', { name: 'Logg inn for å skrive under' }).click();
  await idportenLogin(page, person);
  await expect(page).toHaveURL(new RegExp(`${path}$`));
}

test('an initiative is proposed, screened, signed, submitted and decided', async ({ page, browser }, info) => {
  test.setTimeout(180_000);
  const title = unique(info, 'Gapahuk ved Lillevikvannet');
  const liseEmail = `${unique(info, 'lise')}@eksempel.no`.toLowerCase();

  // Lise finds where to propose, logs in, and is asked for a confirmed email address first.
  await page.goto('/innbyggerforslag');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Innbyggerforslag');
  await expectAccessible(page);
  await page.getByText('Foreslå en sak – velg kommunen eller fylket ditt').click();
  await page.getByRole('link', { name: 'Lillevik kommune' }).click();
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Foreslå en sak');
  await expectAccessible(page);
  await page.getByRole('main').getByRole('link', { name: 'Logg inn med ID-porten' }).click();
  await idportenLogin(page, /^Lise Lillevik/);
  await expect(page).toHaveURL(/\/org\/lillevik-kommune\/innbyggerforslag\/nytt$/);
  // (The other project's run may have given her an address already: start without one.)
  await page.goto('/meg');
  const remove = page.getByRole('button', { name: 'Fjern e-postadressen' });
  if (await remove.count()) {
    await remove.click();
    await expect(page.getByText('Du har ikke lagt inn noen e-postadresse.')).toBeVisible();
  }
  await page.goto('/org/lillevik-kommune/innbyggerforslag/nytt');
  await expect(page.getByText('Legg inn og bekreft e-postadressen din først')).toBeVisible();
  await expectAccessible(page);
  await confirmCitizenEmail(page, liseEmail);

  // The form: a mistake is named next to its field, and nothing typed is lost.
  await page.goto('/org/lillevik-kommune/innbyggerforslag/nytt');
  await expectAccessible(page);
  await page.getByLabel('Tittel').fill('Ny');
  await page.getByLabel('Hva ber du kommunestyret om å vedta?').fill('Kommunestyret bes sette opp en gapahuk ved Lillevikvannet.');
  await page.getByLabel('Begrunnelse').fill('Skoleklassene og turlaget bruker området hele året.');
  await page.getByLabel('Siste dag for underskrifter').fill(osloDate(60));
  await page.getByRole('button', { name: 'Lagre utkast' }).click();
  await ready(page);
  await expect(page.locator('#f-title-error')).toHaveText('Skriv en tittel på 5 til 150 tegn.');
  await expect(page.getByLabel('Begrunnelse')).toHaveValue('Skoleklassene og turlaget bruker området hele året.');
  await expectAccessible(page);
  await page.getByLabel('Tittel').fill(title);
  await page.getByRole('button', { name: 'Lagre utkast' }).click();
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByText('Dette er et utkast. Bare du ser det.')).toBeVisible();
  await expectAccessible(page);
  const path = new URL(page.url()).pathname;
  expect(path).toMatch(/^\/org\/lillevik-kommune\/innbyggerforslag\/\d+$/);
  await page.getByRole('button', { name: 'Send til kontroll' }).click();
  await ready(page);
  await expect(page.getByText(/^Kommunen kontrollerer forslaget og svarer innen \d+\. \S+ \d{4}\.$/)).toBeVisible();
  await expectAccessible(page);

  // The municipality screens it.
  expect(await newestMailTo('admin@lillevik.kommune.no')).toContain(title);
  const staff = await persona(browser, info);
  await staffLogin(staff, 'admin@lillevik.kommune.no', 'demo-passord-lillevik');
  await staff.goto('/org/lillevik-kommune/ansatt/innbyggerforslag');
  await expect(staff.getByRole('heading', { level: 1 })).toHaveText('Innbyggerforslag');
  await expectAccessible(staff);
  await staff.getByRole('link', { name: title }).click();
  await ready(staff);
  await expectAccessible(staff);
  await staff.getByRole('button', { name: 'Publiser forslaget' }).click();
  await ready(staff);
  await expect(staff.getByText('Samler underskrifter').first()).toBeVisible();

  // Tor signs; Mari, who lives in Oslo, cannot; Eva signs.
  const tor = await persona(browser, info);
  await logInToSign(tor, path, /^Tor Tvedt/);
  await expect(tor.getByText('0 av 2 underskrifter')).toBeVisible();
  await expectAccessible(tor);
  await tor.getByRole('button', { name: 'Skriv under' }).click();
  await ready(tor);
  await expect(tor.getByText('Du har skrevet under på dette forslaget.')).toBeVisible();
  await expect(tor.getByText('1 av 2 underskrifter')).toBeVisible();
  await expectAccessible(tor);

  const mari = await persona(browser, info);
  await logInToSign(mari, path, /^Mari Solberg/);
  await mari.getByRole('button', { name: 'Skriv under' }).click();
  await ready(mari);
  await expect(mari.getByText(/ifølge folkeregisteret bor du ikke i denne kommunen/)).toBeVisible();
  await expect(mari.getByText('1 av 2 underskrifter')).toBeVisible();
  await expectAccessible(mari);

  const eva = await persona(browser, info);
  await logInToSign(eva, path, /^Eva Eng/);
  await eva.getByRole('button', { name: 'Skriv under' }).click();
  await ready(eva);
  await expect(eva.getByText('Du har skrevet under på dette forslaget.')).toBeVisible();
  await expect(eva.getByText(/2 av 2 underskrifter/)).toBeVisible();

  // Enough: Lise submits, and the council's deadline is on the public page.
  await page.goto(path);
  await expect(page.getByText(/^Forslaget har nok underskrifter\./)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Fremme forslaget' }).click();
  await ready(page);
  await expect(page.getByText(/^Kommunestyret må ta stilling innen \d+\. \S+ \d{4}\.$/)).toBeVisible();
  await expectAccessible(page);

  // Staff record the decision.
  await staff.goto(path.replace('/innbyggerforslag/', '/ansatt/innbyggerforslag/'));
  await expect(staff.getByText(/Kommunestyret må ta stilling innen/)).toBeVisible();
  await staff.getByRole('radio', { name: 'Behandlet', exact: true }).check();
  await staff.getByLabel('Vedtak eller begrunnelse').fill('Kommunestyret vedtok å bygge gapahuken i 2027.');
  await staff.getByLabel('Dato for vedtaket').fill(osloDate(0));
  await staff.getByLabel('Lenke til protokollen').fill('https://lillevik.kommune.no/moter/protokoll');
  await staff.getByRole('button', { name: 'Registrer utfallet' }).click();
  await ready(staff);
  await expect(staff.getByText('Behandlet').first()).toBeVisible();
  await expectAccessible(staff);

  // Anyone sees the outcome; the proposer is told by email.
  const anyone = await persona(browser, info);
  await anyone.goto(path);
  await expect(anyone.getByRole('heading', { name: 'Utfall' })).toBeVisible();
  await expect(anyone.getByText('Kommunestyret vedtok å bygge gapahuken i 2027.')).toBeVisible();
  await expect(anyone.getByRole('link', { name: 'Les protokollen' })).toHaveAttribute('href', 'https://lillevik.kommune.no/moter/protokoll');
  await expect(anyone.getByText('Tor Tvedt')).toHaveCount(0);
  await expectAccessible(anyone);
  expect(await mailContaining(liseEmail, 'Kommunestyret vedtok å bygge gapahuken i 2027.')).toContain('Se saken:');
});
