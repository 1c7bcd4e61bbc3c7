// Fetches SSB's classification of municipalities (KLASS 131) and counties (KLASS 104) valid on
// a date and writes them where Innspill reads them (app/data/ssb/kommuner.json, fylker.json),
// with the date and where they came from. Run by `make ssb-classification` (SSB_DATE=YYYY-MM-DD
// for another date than today) when SSB publishes a change, usually for 1 January; then rebuild.
//
//   node tools/ssb-classification.mjs [--date YYYY-MM-DD] [--klass URL] [--out DIR]
//
// KLASS gives each unit's name as SSB writes it, bilingual names joined by " - " ("Kárášjohka -
// Karasjok"). Which part is in which language KLASS does not say: the language fields the
// shipped files add (nameNob, nameSme, nameSma, nameSmj, nameFkv) are carried over for units
// whose name did not change, and a changed bilingual name is listed for a person to fill in.
import { readFileSync, writeFileSync } from 'node:fs';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
);
const date = args.date ?? new Date().toISOString().slice(0, 10);
const klass = (args.klass ?? 'https://data.ssb.no/api/klass/v1').replace(/\/$/, '');
const out = new URL(`${args.out ?? new URL('../app/data/ssb', import.meta.url).pathname}/`, 'file://');
const LANG_FIELDS = ['nameNob', 'nameSme', 'nameSma', 'nameSmj', 'nameFkv'];
const KLASS_FIELDS = ['code', 'parentCode', 'level', 'name', 'shortName', 'presentationName', 'validFrom', 'validTo', 'notes'];

if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
  console.error(`ssb-classification: --date must be YYYY-MM-DD, not ${date}`);
  process.exit(2);
}

let toCheck = 0;
for (const [id, file, what, digits] of [[131, 'kommuner.json', 'municipalities', 4], [104, 'fylker.json', 'counties', 2]]) {
  const address = `${klass}/classifications/${id}/codesAt.json?date=${date}`;
  const res = await fetch(address, { headers: { accept: 'application/json' } });
  if (!res.ok) {
    console.error(`ssb-classification: ${address} answered ${res.status}`);
    process.exit(1);
  }
  const { codes } = await res.json();
  const units = (codes ?? []).filter((c) => new RegExp(`^\\d{${digits}}$`).test(c.code) && !/^9+$/.test(c.code));
  if (units.length === 0) {
    console.error(`ssb-classification: ${address} gave no ${what}`);
    process.exit(1);
  }
  let before = { codes: [] };
  try {
    before = JSON.parse(readFileSync(new URL(file, out), 'utf8'));
  } catch {
    // a first run: nothing to carry over
  }
  const old = new Map(before.codes.map((c) => [c.code, c]));
  const written = units
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((c) => {
      const unit = Object.fromEntries(KLASS_FIELDS.map((k) => [k, c[k] ?? null]));
      const was = old.get(c.code);
      if (was && was.name === c.name) {
        for (const k of LANG_FIELDS) if (was[k]) unit[k] = was[k];
      } else if (c.name.includes(' - ')) {
        toCheck += 1;
        console.log(`  ${c.code} ${c.name}: a new bilingual name; add its nameNob/nameSme/nameSma/nameSmj/nameFkv by hand`);
      }
      return unit;
    });
  const gone = before.codes.filter((c) => !units.some((u) => u.code === c.code)).map((c) => `${c.code} ${c.name}`);
  const added = units.filter((u) => !old.has(u.code)).map((u) => `${u.code} ${u.name}`);
  const data = {
    source: `SSB KLASS ${id}, ${address}, fetched ${new Date().toISOString().slice(0, 10)}`,
    validFrom: date,
    classification: id,
    codes: written,
  };
  writeFileSync(new URL(file, out), `${JSON.stringify(data, null, 2)}\n`);
  console.log(`${file}: ${written.length} ${what} valid on ${date}; ${added.length} new (${added.join(', ') || 'none'}), ${gone.length} gone (${gone.join(', ') || 'none'})`);
}
if (toCheck > 0) console.log(`${toCheck} name(s) to check by hand, see above.`);
