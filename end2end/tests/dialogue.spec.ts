import { expect } from '@playwright/test';
import { test, expectAccessible, idportenLogin, persona, staffLogin, storgataHearingPath, unique } from './support';

test('a citizen debates the Storgata hearing, another flags a post, a moderator hides it in public', async ({ page, browser }, info) => {
  const js = info.project.name === 'js';
  const text = `Kan det bli flere benker ved torget? (${unique(info, 'debatt')})`;

  // From the hearing, "Diskuter saken" leads to the debate; reading needs no login.
  await page.goto(await storgataHearingPath(page));
  await expect(page.getByRole('heading', { name: 'Diskuter saken' })).toBeVisible();
  await page.getByRole('link', { name: 'Diskuter saken: Reguleringsplan for Storgata 10–14' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Diskuter saken: Reguleringsplan for Storgata 10–14');
  await expect(page.getByText('Skjult av moderator: brudd på regel 1.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Ordensregler' })).toBeVisible();
  await expectAccessible(page);
  const debate = new URL(page.url()).pathname;

  // Logged in with ID-porten, back at the debate; an empty post is told at its field.
  await page.getByRole('link', { name: 'Logg inn for å delta' }).click();
  await idportenLogin(page, js ? /^Aisha Ali/ : /^Tomasz Kowalski/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Diskuter saken: Reguleringsplan for Storgata 10–14');
  await page.getByRole('button', { name: 'Publiser innlegget' }).click();
  await expect(page.getByText('Skriv innlegget ditt.')).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('textbox', { name: 'Innlegget ditt' }).fill(text);
  await page.getByRole('button', { name: 'Publiser innlegget' }).click();
  const mine = page.locator('.dialogue-post', { hasText: text });
  await expect(mine).toBeVisible();
  await expect(mine).toContainText(js ? 'Aisha Ali' : 'Tomasz Kowalski');
  await expectAccessible(page);

  // Another citizen flags it as off topic.
  const other = await persona(browser, info);
  await other.goto(debate);
  await other.getByRole('link', { name: 'Logg inn for å delta' }).click();
  await idportenLogin(other, js ? /^Mari Solberg/ : /^Eirik Haugen/);
  const theirs = other.locator('.dialogue-post', { hasText: text });
  await theirs.getByText('Meld innlegget til moderator').click();
  await theirs.getByRole('combobox', { name: 'Hvorfor melder du innlegget?' }).selectOption({ label: 'Utenfor tema' });
  await theirs.getByRole('button', { name: 'Send meldingen' }).click();
  await expect(other.getByText('Takk. Meldingen er sendt, og en moderator ser på innlegget.')).toBeVisible();
  await expectAccessible(other);

  // The moderator sees it in the queue with who wrote it, and hides it under rule 4.
  const moderator = await persona(browser, info);
  await staffLogin(moderator, 'moderator@eksempel.kommune.no', 'demo-passord-moderator');
  await moderator.goto('/org/eksempel-kommune/ansatt/dialog');
  await expect(moderator.getByRole('heading', { level: 1 })).toHaveText('Dialog og moderering');
  const item = moderator.locator('.dialogue-queue-item', { hasText: text });
  await expect(item).toContainText(`Skrevet av ${js ? 'Aisha Ali' : 'Tomasz Kowalski'}`);
  await expect(item).toContainText('Utenfor tema: 1');
  await expectAccessible(moderator);
  // Hiding without a rule is told at the rule's field.
  await item.getByRole('combobox', { name: 'Avgjørelse' }).selectOption('hide');
  await item.getByRole('button', { name: 'Lagre avgjørelsen' }).click();
  const again = moderator.locator('.dialogue-queue-item', { hasText: text });
  await expect(again.getByText('Velg hvilken ordensregel innlegget bryter.')).toBeVisible();
  await again.getByRole('combobox', { name: 'Avgjørelse' }).selectOption('hide');
  await again.getByRole('combobox', { name: /^Ordensregel/ }).selectOption('4');
  await again.getByRole('button', { name: 'Lagre avgjørelsen' }).click();
  // Out of the queue, and among the hidden posts (to be restored from there).
  await expect(moderator.locator('section > .dialogue-queue-item', { hasText: text })).toHaveCount(0);
  await expect(moderator.locator('details.dialogue-hidden-posts .dialogue-queue-item', { hasText: text })).toHaveCount(1);

  // The public sees the rule in place of the text, and the log says what a moderator did.
  const visitor = await persona(browser, info);
  await visitor.goto(debate);
  await expect(visitor.getByText(text)).toHaveCount(0);
  // The newest thread is first: this one (the other project's run may have hidden one too).
  await expect(visitor.getByText('Skjult av moderator: brudd på regel 4.').first()).toBeVisible();
  await visitor.getByRole('link', { name: 'Se moderatorloggen.' }).click();
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText('Moderatorlogg: Diskuter saken: Reguleringsplan for Storgata 10–14');
  await expect(visitor.getByRole('row').nth(1)).toContainText('Skjult');
  await expect(visitor.getByRole('row').nth(1)).toContainText('4');
  await expect(visitor.getByRole('row').nth(1)).toContainText('Moderator');
  await expectAccessible(visitor);
});
