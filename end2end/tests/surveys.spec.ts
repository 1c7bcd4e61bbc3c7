import { expect, Page } from '@playwright/test';
import { test, expectAccessible, persona, ready, staffLogin, unique } from './support';

/** Adds a question through the editor's form (its fields by id: the wording forms of the
 * questions already there have labels of the same names). */
async function addQuestion(page: Page, fields: Record<string, string>, required = false) {
  for (const [name, value] of Object.entries(fields)) {
    const field = page.locator(`#f-${name}`);
    if ((await field.evaluate((e) => e.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
  if (required) await page.locator('#f-required').check();
  await page.getByRole('button', { name: 'Legg til spørsmål' }).last().click();
  await ready(page);
}

test('a case officer builds a survey, a resident answers it page by page, and the results are published', async ({ page, browser }, info) => {
  test.setTimeout(150_000);
  const title = unique(info, 'Skolevei');
  const js = info.project.name === 'js';

  await staffLogin(page, 'saksbehandler@eksempel.kommune.no', 'demo-passord-saksbehandler');
  await page.goto('/org/eksempel-kommune/ansatt/undersokelser');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Undersøkelser');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Ny undersøkelse' }).click();
  await ready(page);
  await expectAccessible(page);
  await page.getByLabel('Tittel').fill(title);
  await page.getByLabel('Innledning').fill('Kommunen planlegger tryggere skoleveier.');
  await page.getByRole('button', { name: 'Opprett undersøkelsen' }).click();
  await expect(page).toHaveURL(/\/ansatt\/undersokelser\/\d+$/);
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expectAccessible(page);

  // A question without its text: told next to the field, the options kept.
  await addQuestion(page, { kind: 'single', options: 'Går\nBuss\nBil' });
  await expect(page.locator('#f-text-error')).toHaveText('Skriv spørsmålet.');
  await expect(page.locator('#f-options')).toHaveValue('Går\nBuss\nBil');
  await expectAccessible(page);
  await addQuestion(page, { kind: 'single', text: 'Hvordan kommer barnet ditt til skolen?', options: 'Går\nBuss\nBil' }, true);
  await addQuestion(page, {
    kind: 'scale',
    text: 'Hvor trygg er bussturen?',
    low_label: 'Svært utrygg',
    high_label: 'Svært trygg',
    show_if_question: '1',
    show_if_options: '2',
  });
  await page.locator('#f-section_title').fill('Om husholdningen');
  await page.getByRole('button', { name: 'Legg til side' }).click();
  await ready(page);
  await addQuestion(page, { section: '2', kind: 'number', text: 'Hvor mange barn har du i grunnskolen?', number_min: '0', number_max: '10' });
  await expect(page.getByText('vises hvis spørsmål 1 er besvart med Buss')).toBeVisible();

  await page.getByRole('link', { name: 'Forhåndsvis som den som svarer' }).click();
  await ready(page);
  await expect(page.getByText('Side 1 av 2')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Tilbake til undersøkelsen' }).click();
  await ready(page);
  await page.getByRole('button', { name: 'Åpne for svar' }).click();
  await ready(page);
  await expect(page.getByText('Åpen for svar', { exact: true })).toBeVisible();
  const publicPath = await page.getByRole('link', { name: 'Offentlig side' }).getAttribute('href');

  // A resident answers, without an account.
  const resident = await persona(browser, info);
  await resident.goto(publicPath!);
  await expect(resident.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(resident.getByText('3 spørsmål på 2 sider.')).toBeVisible();
  await expectAccessible(resident);
  await resident.getByRole('button', { name: 'Start undersøkelsen' }).click();
  await ready(resident);
  await expect(resident.getByText('Side 1 av 2')).toBeVisible();
  const safety = resident.getByRole('group', { name: 'Hvor trygg er bussturen?' });
  if (js) {
    // The question about the bus appears only for those who take it.
    await expect(safety).toBeHidden();
  } else {
    await expect(safety).toContainText('Svar bare hvis du svarte «Buss» på «Hvordan kommer barnet ditt til skolen?».');
  }
  await expectAccessible(resident);
  await resident.getByRole('button', { name: 'Neste side' }).click();
  await ready(resident);
  const travel = resident.getByRole('group', { name: /Hvordan kommer barnet ditt til skolen\?/ });
  await expect(travel).toContainText('Svar på dette spørsmålet.');
  await expectAccessible(resident);
  await travel.getByLabel('Buss').check();
  await expect(safety).toBeVisible();
  await safety.getByLabel('4', { exact: true }).check();
  await resident.getByRole('button', { name: 'Neste side' }).click();
  await ready(resident);
  await expect(resident.getByText('Side 2 av 2')).toBeVisible();
  const children = resident.getByRole('group', { name: 'Hvor mange barn har du i grunnskolen?' });
  await children.getByRole('textbox').fill('to');
  await resident.getByRole('button', { name: 'Send svarene' }).click();
  await ready(resident);
  await expect(children).toContainText('Skriv et helt tall, for eksempel 12.');
  await expect(children.getByRole('textbox')).toHaveValue('to');
  await expectAccessible(resident);
  await children.getByRole('textbox').fill('2');
  await resident.getByRole('button', { name: 'Send svarene' }).click();
  await ready(resident);
  await expect(resident.getByRole('heading', { level: 1 })).toHaveText('Takk for svarene!');
  await expectAccessible(resident);

  // Staff close and publish; one answer shows no figure at all.
  await page.reload();
  await ready(page);
  await page.getByRole('button', { name: 'Avslutt undersøkelsen' }).click();
  await ready(page);
  await page.getByRole('button', { name: 'Publiser resultatene' }).click();
  await ready(page);
  await expect(page.getByText('Resultatene er publisert.')).toBeVisible();
  // Staff may break the results down by a question (a plain GET form); the public may not.
  await page.getByRole('link', { name: /^Resultater \(1 svar\)$/ }).click();
  await ready(page);
  await page.getByLabel('Vis fordelt på svarene på').selectOption({ label: 'Hvordan kommer barnet ditt til skolen?' });
  await page.getByRole('button', { name: 'Vis', exact: true }).click();
  await ready(page);
  await expect(page).toHaveURL(/\?etter=1$/);
  await expect(page.getByRole('heading', { name: 'Fordelt på svarene på «Hvordan kommer barnet ditt til skolen?»' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Buss' }).first()).toBeVisible();
  await expectAccessible(page);
  await resident.goto(`${publicPath}/resultater`);
  await expect(resident.getByRole('heading', { level: 1 })).toHaveText(`Resultater: ${title}`);
  await expect(resident.getByRole('table').first()).toContainText('skjult');
  await expectAccessible(resident);
  await resident.context().close();
});

test('the public reads a published survey: a chart drawn on the server and its figures in a table', async ({ page }) => {
  await page.goto('/org/eksempel-kommune/undersokelser');
  await expectAccessible(page);
  await page
    .getByRole('listitem')
    .filter({ hasText: 'Reisevaner og tjenester i Eksempel kommune' })
    .getByRole('link', { name: 'Se resultatene' })
    .click();
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Resultater: Reisevaner og tjenester i Eksempel kommune');
  const travel = page.getByRole('region', { name: 'Hvordan reiser du oftest til jobb eller skole?' });
  await expect(travel.locator('svg.survey-chart rect')).toHaveCount(4);
  await expect(travel.getByRole('table')).toContainText('n = 60');
  await expect(travel.getByRole('row', { name: /^Bil/ })).toBeVisible();
  await expectAccessible(page);
});
