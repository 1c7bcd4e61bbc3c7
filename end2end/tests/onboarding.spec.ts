import { createHmac } from 'node:crypto';
import { expect } from '@playwright/test';
import { test, expectAccessible, mailContaining, staffLogin } from './support';

// Each project creates its own municipality (both share one database).
const MUNICIPALITY = {
  js: { number: '5610', name: 'Karasjok kommune', slug: 'karasjok-kommune', sami: 'Kárášjohka', csv: '"5610 Kárášjohka - Karasjok";"Personer";"2025";2531' },
  'no-js': { number: '3101', name: 'Halden kommune', slug: 'halden-kommune', sami: null, csv: '"3101 Halden";"Personer";"2025";31650' },
} as const;

/** The code an authenticator app shows now for a base32 secret (RFC 6238: SHA-1, 6 digits, 30 s). */
function totp(base32: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32.replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

test('the platform administrator creates a municipality; its admin brands it, adds a second factor and staffs it', async ({ page }, info) => {
  test.setTimeout(150_000);
  const m = MUNICIPALITY[info.project.name as 'js' | 'no-js'];
  const adminEmail = `postmottak@${m.slug}.example`;
  const csv = {
    name: '07459.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`"region";"statistikkvariabel";"år";"07459: Befolkning"\n${m.csv}\n`),
  };

  await staffLogin(page, 'plattform@innspill.example', 'demo-passord-plattform');
  await page.getByRole('link', { name: 'Plattformadministrasjon' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Plattformadministrasjon');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Ny organisasjon' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ny organisasjon');
  await expectAccessible(page);

  // A wrong address: told next to the field, the rest kept.
  await page.getByLabel('Kommunenummer eller fylkesnummer').selectOption(m.number);
  await page.getByLabel('Navn', { exact: true }).fill(m.name);
  await page.getByLabel('Politiske organer').fill('Kommunestyret\nFormannskapet');
  await page.getByLabel('Tabell fra SSB (CSV)').setInputFiles(csv);
  await page.getByLabel('E-postadressen til den første administratoren').fill('postmottak');
  await page.getByRole('button', { name: 'Opprett organisasjonen' }).click();
  await expect(page.locator('#f-admin_email-error')).toHaveText('Skriv en gyldig e-postadresse, for eksempel navn@kommune.no.');
  await expect(page.getByLabel('Navn', { exact: true })).toHaveValue(m.name);
  await expect(page.getByLabel('Kommunenummer eller fylkesnummer')).toHaveValue(m.number);
  await expectAccessible(page);

  await page.getByLabel('E-postadressen til den første administratoren').fill(adminEmail);
  await page.getByLabel('Tabell fra SSB (CSV)').setInputFiles(csv);
  const asked = Date.now() - 1000;
  await page.getByRole('button', { name: 'Opprett organisasjonen' }).click();
  await expect(page.getByText(`${m.name} er opprettet, og den første administratoren er invitert på e-post.`)).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(m.name) })).toContainText(m.number);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Logg ut' }).click();

  // The first administrator accepts the invitation and logs in.
  const mail = await mailContaining(adminEmail, '/invitasjon/', asked);
  const link = mail.match(/http:\/\/\S+\/invitasjon\/\S+/)?.[0];
  expect(link).toBeTruthy();
  await page.goto(link!);
  await expect(page.getByText(m.name).first()).toBeVisible();
  await page.getByLabel('Fullt navn').fill('Kari Kommune');
  await page.getByLabel('Velg passord').fill('et langt og godt passord');
  await page.getByRole('button', { name: 'Opprett bruker' }).click();
  await staffLogin(page, adminEmail, 'et langt og godt passord');

  // Branding: a colour too light is refused for its contrast; a dark one is the site's accent.
  await page.goto(`/org/${m.slug}/admin`);
  await page.getByLabel('Profilfarge').fill('#ffcc00');
  await branding(page).getByRole('button', { name: 'Lagre' }).click();
  await expect(page.locator('#f-accent_colour-error')).toContainText('Fargen er for lys');
  await expectAccessible(page);
  await page.getByLabel('Profilfarge').fill('#7a1f3d');
  await branding(page).getByRole('button', { name: 'Lagre' }).click();
  await expect(page.locator('#f-accent_colour-error')).toHaveCount(0);
  await page.getByLabel('Ny logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG });
  await page.getByRole('button', { name: 'Last opp logoen' }).click();
  await expect(page.getByRole('img', { name: `Logoen til ${m.name}` })).toBeVisible();
  await expectAccessible(page);

  await page.goto(`/org/${m.slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(m.name);
  if (m.sami) await expect(page.locator('p[lang="smi"]')).toHaveText(m.sami);
  await expect(page.locator('.org-band__logo')).toBeVisible();
  const accent = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--ds-color-accent-base-default').trim());
  expect(accent).toBe('#7a1f3d');
  await expectAccessible(page);

  // A second factor: set up with the app's first code, then asked for at the next login.
  await page.goto('/ansatt');
  await page.getByRole('link', { name: 'Slå på tofaktorinnlogging' }).first().click();
  await expect(page.getByRole('img', { name: 'QR-kode med nøkkelen til autentiseringsappen' })).toBeVisible();
  await expectAccessible(page);
  const secret = (await page.locator('code.totp-secret').textContent())!.trim();
  await page.getByLabel('Kode').fill('000000' === totp(secret) ? '111111' : '000000');
  await page.getByRole('button', { name: 'Slå på tofaktor' }).click();
  await expect(page.locator('#f-code-error')).toHaveText('Koden er feil eller utløpt. Skriv inn koden appen viser nå.');
  await page.getByLabel('Kode').fill(totp(secret));
  await page.getByRole('button', { name: 'Slå på tofaktor' }).click();
  await expect(page.getByText('Tofaktor er slått på for kontoen din.')).toBeVisible();
  await page.getByRole('button', { name: 'Logg ut' }).click();
  await page.goto('/ansatt/logg-inn');
  await page.getByLabel('E-postadresse').fill(adminEmail);
  await page.getByLabel('Passord').fill('et langt og godt passord');
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kode fra autentiseringsappen');
  await expectAccessible(page);
  // The code just used to turn it on is used up: wait for the next one.
  const used = totp(secret);
  while (totp(secret) === used) await page.waitForTimeout(1000);
  await page.getByLabel('Kode').fill(totp(secret));
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hei, Kari Kommune');

  // Staffed: a case officer is invited.
  await page.goto(`/org/${m.slug}/admin`);
  await page.getByLabel('E-postadresse', { exact: true }).fill(`sakshandsamar@${m.slug}.example`);
  await page.getByLabel('Rolle', { exact: true }).selectOption('case_officer');
  await page.getByRole('button', { name: 'Send invitasjon' }).click();
  await expect(page.getByText(`sakshandsamar@${m.slug}.example som Saksbehandler`)).toBeVisible();
});

/** The branding form's section of the admin page. */
function branding(page: import('@playwright/test').Page) {
  return page.locator('section', { has: page.locator('#f-accent_colour') });
}

// A 1×1 PNG.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7358184' +
    '0000000049454e44ae426082',
  'hex',
);
