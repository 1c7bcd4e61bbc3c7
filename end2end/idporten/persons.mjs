// Test persons for the ID-porten stand-in, read from persons.json (the same file feeds the Rust
// residency-register fixture), with their labels on the login page and their ID token claims.
import { readFileSync } from 'node:fs';

export const persons = JSON.parse(readFileSync(new URL('./persons.json', import.meta.url), 'utf8'));
const byId = new Map(persons.map((p) => [p.id, p]));

export function findPerson(id) {
  return typeof id === 'string' ? byId.get(id) : undefined;
}

const KOMMUNER = { 9999: 'Eksempel kommune', 9998: 'Lillevik kommune', '0301': 'Oslo', 4601: 'Bergen' };

export function fullName(p) {
  return [p.given_name, p.family_name].filter(Boolean).join(' ');
}

// "01.01.1990"
function norwegianDate(isoDate) {
  const [y, m, d] = isoDate.split('-');
  return `${d}.${m}.${y}`;
}

function ageOn(isoDate, today = new Date()) {
  const [y, m, d] = isoDate.split('-').map(Number);
  const birthdayPassed = today.getMonth() + 1 > m || (today.getMonth() + 1 === m && today.getDate() >= d);
  return today.getFullYear() - y - (birthdayPassed ? 0 : 1);
}

// The radio button label on the login page. The pid itself is never shown.
export function personLabel(p) {
  const parts = [fullName(p) || `Bruker uten navn (${p.id})`];
  if (p.birth_date) {
    const under18 = ageOn(p.birth_date) < 18 ? ', under 18 år' : '';
    parts.push(`født ${norwegianDate(p.birth_date)}${under18}`);
  }
  if (!p.pid) {
    parts.push('uten norsk fødselsnummer');
  } else {
    if (Number(p.pid.slice(0, 2)) > 40) parts.push('d-nummer');
    if (p.status === 'utflyttet') parts.push('utflyttet fra Norge');
    else if (p.status === 'doed') parts.push('død ifølge folkeregisteret');
    else {
      const name = KOMMUNER[p.kommunenummer];
      parts.push(`bor i ${p.kommunenummer}${name ? ` ${name}` : ''}`);
    }
    if (p.address_protection) parts.push('fortrolig adresse');
  }
  return parts.join(', ');
}

// Claims findAccount offers; oidc-provider keeps those the scopes allow (see server.mjs).
export function personClaims(p, { sub, locale }) {
  const claims = { sub, locale };
  if (p.pid) claims.pid = p.pid;
  if (p.given_name || p.family_name) {
    claims.name = fullName(p);
    if (p.given_name) claims.given_name = p.given_name;
    if (p.family_name) claims.family_name = p.family_name;
  }
  return claims;
}

// First of ui_locales that ID-porten knows; nb otherwise.
export function pickLocale(uiLocales) {
  const known = ['nb', 'nn', 'en', 'se'];
  return (uiLocales ?? '').split(/\s+/).find((l) => known.includes(l)) ?? 'nb';
}
