// Synthetic Norwegian national ids (fødselsnummer / d-nummer) for the ID-porten stand-in's test
// persons. Synthetic means month + 80, as in Norway's Tenor/TestID test data, so they can never be
// a real person's number. Both mod-11 check digits are correct.
//
//   node end2end/idporten/make-pid.mjs 1990-01-01 [--d-nummer]   prints one valid synthetic pid
//   node end2end/idporten/make-pid.mjs --check                  checks every pid in persons.json
import { readFileSync } from 'node:fs';

const W1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const W2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

// One mod-11 check digit over `digits` with `weights`; undefined when the result would be 10.
function mod11(digits, weights) {
  const sum = weights.reduce((acc, w, i) => acc + w * digits[i], 0);
  const k = 11 - (sum % 11);
  if (k === 11) return 0;
  return k === 10 ? undefined : k;
}

// The full birth year from the two-digit year and the individual number (digits 7-9).
export function century(yy, individual) {
  if (individual <= 499) return 1900 + yy;
  if (yy <= 39) return 2000 + yy;
  if (individual >= 900) return 1900 + yy;
  return undefined; // 500-899 with year 40-99 was 1800s; not used here
}

// Checks format, both check digits, the synthetic marker (month + 80) and the date.
export function checkPid(pid) {
  if (!/^\d{11}$/.test(pid)) return 'not 11 digits';
  const d = [...pid].map(Number);
  if (mod11(d, W1) !== d[9]) return 'wrong first check digit';
  if (mod11(d, W2) !== d[10]) return 'wrong second check digit';
  let day = d[0] * 10 + d[1];
  const month = d[2] * 10 + d[3] - 80;
  if (month < 1 || month > 12) return 'not synthetic (month + 80)';
  if (day > 40) day -= 40; // d-nummer
  const year = century(d[4] * 10 + d[5], Number(pid.slice(6, 9)));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (!year || date.getUTCDate() !== day) return 'invalid date';
  return undefined;
}

// The birth date a pid encodes, as YYYY-MM-DD.
export function birthDateOf(pid) {
  let day = Number(pid.slice(0, 2));
  if (day > 40) day -= 40;
  const month = Number(pid.slice(2, 4)) - 80;
  const year = century(Number(pid.slice(4, 6)), Number(pid.slice(6, 9)));
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// First valid synthetic pid for a birth date, starting the individual number at `start`.
export function makePid(birthDate, { dNummer = false, start } = {}) {
  const [year, month, day] = birthDate.split('-').map(Number);
  const yy = year % 100;
  const first = start ?? (year >= 2000 ? 500 : 100);
  const last = year >= 2000 ? 999 : 499;
  const dd = String(dNummer ? day + 40 : day).padStart(2, '0');
  const mm = String(month + 80);
  for (let individual = first; individual <= last; individual++) {
    const nine = `${dd}${mm}${String(yy).padStart(2, '0')}${String(individual).padStart(3, '0')}`;
    const d = [...nine].map(Number);
    const k1 = mod11(d, W1);
    if (k1 === undefined) continue;
    const k2 = mod11([...d, k1], W2);
    if (k2 === undefined) continue;
    return `${nine}${k1}${k2}`;
  }
  throw new Error(`no valid individual number for ${birthDate}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv[2] === '--check') {
    const persons = JSON.parse(readFileSync(new URL('./persons.json', import.meta.url), 'utf8'));
    let bad = 0;
    for (const p of persons.filter((x) => x.pid)) {
      const problem = checkPid(p.pid) ?? (birthDateOf(p.pid) === p.birth_date ? undefined : 'birth_date differs');
      if (problem) bad++;
      console.log(`${p.id}: ${problem ?? 'ok'}`);
    }
    process.exit(bad ? 1 : 0);
  } else {
    console.log(makePid(process.argv[2], { dNummer: process.argv.includes('--d-nummer') }));
  }
}
