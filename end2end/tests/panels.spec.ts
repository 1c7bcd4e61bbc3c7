// A citizen panel: staff set one up and see its members against the population; a resident
// joins from the panel's page (told what is missing, nothing lost) and leaves from Min side;
// staff send a survey to the panel, a member answers by the mailed link and leaves by the
// mail's own link; staff draw a probability sample, and the drawn join with the code from their
// mail or their letter. Every page is scanned with axe.
import { expect } from '@playwright/test';
import { test, expectAccessible, idportenLogin, mailContaining, osloDate, persona, ready, staffLogin, unique } from './support';

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

test('staff send a survey to the panel; a member answers by the mailed link and leaves by it', async ({ page, browser }, info) => {
  test.setTimeout(150_000);
  const title = unique(info, 'Bibliotekene');

  // A draft survey of one required question.
  await staffLogin(page, 'saksbehandler@eksempel.kommune.no', 'demo-passord-saksbehandler');
  await page.goto('/org/eksempel-kommune/ansatt/undersokelser/ny');
  await page.getByLabel('Tittel').fill(title);
  await page.getByLabel('Innledning').fill('Vi vil vite hvordan panelet bruker bibliotekene.');
  await page.getByRole('button', { name: 'Opprett undersøkelsen' }).click();
  await expect(page).toHaveURL(/\/ansatt\/undersokelser\/\d+$/);
  await ready(page);
  await page.locator('#f-kind').selectOption('single');
  await page.locator('#f-text').fill('Har du vært på biblioteket i år?');
  await page.locator('#f-options').fill('Ja\nNei');
  await page.locator('#f-required').check();
  await page.getByRole('button', { name: 'Legg til spørsmål' }).last().click();
  await ready(page);
  await expect(page.getByRole('strong').filter({ hasText: 'Har du vært på biblioteket i år?' })).toBeVisible();

  // On the demo panel's page: a wave without a survey is refused at the field, the rest kept.
  await page.goto('/org/eksempel-kommune/ansatt/innbyggerpanel');
  await page.getByRole('link', { name: DEMO_PANEL }).click();
  await ready(page);
  await expect(page.getByRole('heading', { name: 'Send en undersøkelse til panelet' })).toBeVisible();
  await page.getByRole('radio', { name: /^Et utvalg/ }).check();
  await page.getByLabel('Antall i utvalget').fill('4');
  await page.locator('#f-opens_date').fill(osloDate(0));
  await page.locator('#f-closes_date').fill(osloDate(14));
  await page.getByLabel(/^Første påminnelse/).fill('5');
  await page.getByRole('button', { name: 'Planlegg utsendelsen' }).click();
  await ready(page);
  await expect(page.locator('#f-survey-error')).toHaveText('Velg undersøkelsen som skal sendes.');
  await expect(page.getByLabel('Antall i utvalget')).toHaveValue('4');
  await expectAccessible(page);
  await page.getByLabel('Undersøkelse', { exact: true }).selectOption({ label: title });
  if (!(await page.getByRole('radio', { name: /^Et utvalg/ }).isChecked())) {
    await page.getByRole('radio', { name: /^Et utvalg/ }).check();
  }
  await page.getByLabel('Antall i utvalget').fill('4');
  await page.locator('#f-opens_date').fill(osloDate(0));
  await page.locator('#f-closes_date').fill(osloDate(14));
  await page.getByRole('button', { name: 'Planlegg utsendelsen' }).click();
  await ready(page);
  const waves = page.getByRole('table', { name: 'Undersøkelser sendt til panelet, med svarprosent' });
  const row = waves.getByRole('row', { name: new RegExp(title) });
  await expect(row).toContainText('Utvalg på 4');
  await expectAccessible(page);

  // The worker opens it and mails the four drawn members their own links.
  const mail = await mailContaining('', `«${title}»`);
  const link = mail.match(/http:\/\/\S+\/svar\/\S+/)?.[0];
  const leave = mail.match(/http:\/\/\S+\/forlat-panel\/\S+/)?.[0];
  expect(link, mail).toBeTruthy();
  expect(leave, mail).toBeTruthy();

  // The member answers without logging in: the required question first left out.
  const member = await persona(browser, info);
  await member.goto(new URL(link!).pathname);
  await expect(member.getByRole('heading', { level: 1 })).toHaveText(title);
  await expectAccessible(member);
  const question = member.getByRole('group', { name: /Har du vært på biblioteket i år\?/ });
  await member.getByRole('button', { name: 'Send svarene' }).click();
  await ready(member);
  await expect(question).toContainText('Svar på dette spørsmålet.');
  await expectAccessible(member);
  await question.getByLabel('Ja').check();
  await member.getByRole('button', { name: 'Send svarene' }).click();
  await ready(member);
  await expect(member.getByRole('heading', { level: 1 })).toHaveText('Takk for svarene!');

  // The staff's page counts the answer.
  await page.reload();
  await ready(page);
  await expect(row).toContainText('Åpen');
  await expect(row.getByRole('cell').nth(5)).toHaveText('1');
  await expect(row.getByRole('cell').nth(6)).toHaveText('25,0 %');
  // And per group, behind a disclosure.
  await page.getByText(`Svarprosent etter gruppe: ${title}`).click();
  const byGender = page.getByRole('table', { name: `Svarprosent etter kjønn: ${title}` });
  await expect(byGender).toBeVisible();
  await expect(byGender.getByRole('columnheader', { name: 'Svarprosent' })).toBeVisible();
  await expectAccessible(page);

  // The mail's leave link: the panel named, one click, the answers kept unlinked.
  await member.goto(new URL(leave!).pathname);
  await expect(member.getByRole('heading', { level: 1 })).toHaveText('Meld deg ut av innbyggerpanelet');
  await expect(member.getByText(DEMO_PANEL)).toBeVisible();
  await expectAccessible(member);
  await member.getByRole('button', { name: 'Meld meg ut, behold svarene uten kobling til meg' }).click();
  await ready(member);
  await expect(member.getByRole('heading', { level: 1 })).toHaveText('Du er meldt ut');
  await expectAccessible(member);
  await member.goto(new URL(leave!).pathname);
  await expect(member.getByText(/ikke lenger med/)).toBeVisible();

  // The public sees an earlier wave's results, weighted to the population, chart and table.
  await member.goto('/org/eksempel-kommune/undersokelser');
  await member.getByRole('link', { name: 'Panelet: kommunens tjenester 2026' }).click();
  await ready(member);
  await member.getByRole('link', { name: 'Se resultatene' }).click();
  await ready(member);
  await expect(member.getByRole('heading', { level: 1 })).toHaveText('Resultater: Panelet: kommunens tjenester 2026');
  await expect(member.getByText(/vektet til befolkningen .* etter aldersgruppe, kjønn og bydel/)).toBeVisible();
  await expect(member.locator('svg.survey-chart').first()).toBeVisible();
  await expect(member.getByRole('columnheader', { name: 'Vektet' }).first()).toBeVisible();
  await expectAccessible(member);
  await member.context().close();
});

test('staff draw a probability sample; the drawn join with the code from a mail or a letter', async ({ page, browser }, info) => {
  test.setTimeout(120_000);
  const name = unique(info, 'Utvalgspanelet');

  await staffLogin(page, 'saksbehandler@eksempel.kommune.no', 'demo-passord-saksbehandler');
  await page.goto('/org/eksempel-kommune/ansatt/innbyggerpanel/ny');
  await ready(page);
  await page.getByLabel('Navn på panelet').fill(name);
  await page.getByLabel('Formål').fill('Vi spør et tilfeldig utvalg om kollektivtilbudet.');
  await page.getByLabel('Områder').fill('Nord\nSør');
  await page.getByRole('button', { name: 'Opprett panelet' }).click();
  await expect(page).toHaveURL(/\/ansatt\/innbyggerpanel\/\d+$/);
  await ready(page);

  // Targets: a wrong one told at its field; then two members in every stratum, all expected in.
  await page.getByLabel('Like mange i hvert stratum').check();
  await page.getByLabel('Medlemmer i hvert stratum').fill('0');
  await page.getByRole('button', { name: 'Lagre målene' }).click();
  await ready(page);
  await expect(page.locator('#f-per_stratum-error')).toHaveText('Skriv et helt tall fra 1 til 1 000.');
  await page.getByLabel('Like mange i hvert stratum').check();
  await page.getByLabel('Medlemmer i hvert stratum').fill('2');
  await page.getByLabel('Forventet andel som melder seg inn (prosent)').fill('100');
  await page.getByRole('button', { name: 'Lagre målene' }).click();
  await ready(page);
  // Six age bands, two genders, two districts: 24 strata, two each.
  await expect(page.getByText('Neste trekning inviterer 48 personer', { exact: false })).toBeVisible();
  await page.getByText('Hvert stratum mot målet').click();
  const strata = page.getByRole('table', { name: 'Befolkning, mål, medlemmer og åpne invitasjoner per stratum' });
  await expect(strata.getByRole('row')).toHaveCount(25);
  await expectAccessible(page);

  // A draw mails at once and cannot be undone: not without the box ticked.
  await page.getByRole('button', { name: 'Trekk utvalget' }).click();
  await ready(page);
  await expect(page.locator('#f-confirm-error')).toHaveText('Kryss av for at du vil sende invitasjonene.');
  const since = Date.now();
  await page.getByLabel(/Ja, send 48 invitasjoner nå/).check();
  await page.getByRole('button', { name: 'Trekk utvalget' }).click();
  await ready(page);
  const draws = page.getByRole('table', { name: 'Trekninger' });
  await expect(draws.getByRole('row')).toHaveCount(2);
  await expect(draws.getByRole('cell').nth(1)).toHaveText('48');
  await expect(page.getByText(/Alle stratumene har nådd målet sitt/)).toBeVisible();
  await expectAccessible(page);

  // The letter list, one letter a page, with each code.
  await draws.getByRole('link', { name: 'Skriv ut' }).click();
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Invitasjonsbrev');
  await expectAccessible(page);
  const letterCode = (await page.locator('.panel-letter__code strong').first().textContent())!.trim();
  expect(letterCode).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);

  // A mailed invitation: its link, the consent missing told, then in.
  const mail = await mailContaining('', name, since);
  const link = mail.match(/http:\/\/\S+\/innmelding\?kode=\S+/)?.[0];
  expect(link, mail).toBeTruthy();
  const drawn = await persona(browser, info);
  const url = new URL(link!);
  await drawn.goto(url.pathname + url.search);
  await expect(drawn.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(drawn.getByRole('heading', { name: 'Dette sier du ja til' })).toBeVisible();
  await expectAccessible(drawn);
  await drawn.getByLabel('E-postadresse').fill('trukket.ut@example.no');
  await drawn.getByRole('button', { name: 'Bli med', exact: true }).click();
  await ready(drawn);
  await expect(drawn.getByText('Kryss av for at du sier ja til å være med.').first()).toBeVisible();
  await expect(drawn.getByLabel('E-postadresse')).toHaveValue('trukket.ut@example.no');
  await expectAccessible(drawn);
  await drawn.getByLabel(/sier ja til å være med i panelet/).check();
  await drawn.getByRole('button', { name: 'Bli med', exact: true }).click();
  await ready(drawn);
  await expect(drawn.getByRole('heading', { level: 1 })).toHaveText('Du er med i panelet');
  await expectAccessible(drawn);
  await drawn.context().close();

  // A letter's code, typed as a person might.
  const reader = await persona(browser, info);
  await reader.goto('/innmelding');
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText('Meld deg inn i et innbyggerpanel');
  await expectAccessible(reader);
  await reader.getByLabel('Koden din').fill('feil');
  await reader.getByRole('button', { name: 'Gå videre' }).click();
  await ready(reader);
  await expect(reader.getByText(/Koden har ti tegn/).first()).toBeVisible();
  await expectAccessible(reader);
  await reader.getByLabel('Koden din').fill(letterCode.toLowerCase().replace('-', ' '));
  await reader.getByRole('button', { name: 'Gå videre' }).click();
  await ready(reader);
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(name);
  await reader.getByLabel('E-postadresse').fill('fra.brevet@example.no');
  await reader.getByLabel(/sier ja til å være med i panelet/).check();
  await reader.getByRole('button', { name: 'Bli med', exact: true }).click();
  await ready(reader);
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText('Du er med i panelet');
  await reader.context().close();

  // The staff's page counts both as enrolled from the draw.
  await page.goBack();
  await page.reload();
  await ready(page);
  await expect(draws.getByRole('cell').nth(4)).toHaveText('2');
  await expect(page.getByText('2 medlemmer nå.')).toBeVisible();
});
