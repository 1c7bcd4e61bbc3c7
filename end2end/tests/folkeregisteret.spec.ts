// Residency is checked in Folkeregisteret through Maskinporten: the app's real adapters against
// the registers stand-in (end2end/registers). On Eksempel kommune's collecting initiative,
// Nils (moved abroad) and Dag (dead) hear why they cannot sign; while the register fails, a
// resident hears that nothing was stored and to try again, and then signs — Hanne, whose
// address is confidential, with JavaScript, and Kari without. Every page is scanned with axe.
import { readFileSync } from 'node:fs';
import { expect, Page } from '@playwright/test';
import { registersURL } from '../playwright.config';
import { expectAccessible, idportenLogin, persona, ready, test } from './support';

const PARKING = 'Gratis parkering i sentrum på lørdager';
const persons: { id: string; pid: string | null }[] = JSON.parse(
  readFileSync(`${__dirname}/../idporten/persons.json`, 'utf8'),
);
const pidOf = (id: string) => persons.find((p) => p.id === id)!.pid!;

async function parkingPath(page: Page): Promise<string> {
  const html = await (await page.request.get('/org/eksempel-kommune/innbyggerforslag')).text();
  const href = html.match(new RegExp(`href="(/org/eksempel-kommune/innbyggerforslag/\\d+)"[^>]*>${PARKING}<`))?.[1];
  expect(href, 'the parking initiative in the public list').toBeTruthy();
  return href!;
}

/** Logs in from the initiative's page and presses "Skriv under". */
async function tryToSign(page: Page, path: string, person: RegExp) {
  await page.goto(path);
  await page.getByRole('link', { name: 'Logg inn for å skrive under' }).click();
  await idportenLogin(page, person);
  await expect(page).toHaveURL(new RegExp(`${path}$`));
  await page.getByRole('button', { name: 'Skriv under' }).click();
  await ready(page);
}

test('the population register decides who may sign, and its outage stores nothing', async ({ page, browser }, info) => {
  const path = await parkingPath(page);

  const nils = await persona(browser, info);
  await tryToSign(nils, path, /^Nils Utvandret/);
  await expect(nils.getByText(/ifølge folkeregisteret er du utflyttet fra Norge/)).toBeVisible();
  await expectAccessible(nils);

  const dag = await persona(browser, info);
  await tryToSign(dag, path, /^Dag Avdød/);
  await expect(dag.getByText(/folkeregisteret har ingen gjeldende bostedsadresse i Norge for deg/)).toBeVisible();

  // The register answers 500 to the first lookup of this project's resident.
  const [who, label] = info.project.name === 'js'
    ? ['hanne-vern', /^Hanne Vern/]
    : ['kari-nordmann', /^Kari Nordmann/];
  const armed = await page.request.post(`${registersURL}/__test/fail`, {
    data: { client_id: 'innspill-dev', service: 'folkeregisteret', mode: '500', times: 1, pid: pidOf(who) },
  });
  expect(armed.status()).toBe(204);
  const resident = await persona(browser, info);
  await tryToSign(resident, path, label);
  await expect(resident.getByText(/Vi får ikke sjekket bostedet ditt akkurat nå — prøv igjen om litt/)).toBeVisible();
  await expect(resident.getByText('Du har skrevet under på dette forslaget.')).toHaveCount(0);
  await expectAccessible(resident);

  // The register is back: the same button signs.
  await resident.getByRole('button', { name: 'Skriv under' }).click();
  await ready(resident);
  await expect(resident.getByText('Du har skrevet under på dette forslaget.')).toBeVisible();
  await expectAccessible(resident);
});
