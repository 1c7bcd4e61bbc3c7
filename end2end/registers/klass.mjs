// Statistics Norway's classification API (KLASS), the one call `make ssb-classification` makes:
//   GET /api/klass/v1/classifications/{131|104}/codesAt.json?date=YYYY-MM-DD
// answered, as KLASS answers it ({"codes": [{code, parentCode, level, name, shortName,
// presentationName, validFrom, validTo, notes}]}), from the classification the repository ships
// (app/data/ssb), so the update script can be tested without the internet. Dates before the
// shipped classification's date get 404, as a date outside the data would.
import { readFileSync } from 'node:fs';

const FILES = { 131: 'kommuner.json', 104: 'fylker.json' };
const KLASS_FIELDS = ['code', 'parentCode', 'level', 'name', 'shortName', 'presentationName', 'validFrom', 'validTo', 'notes'];

export function createKlass() {
  const shipped = Object.fromEntries(
    Object.entries(FILES).map(([id, file]) => [
      id,
      JSON.parse(readFileSync(new URL(`../../app/data/ssb/${file}`, import.meta.url), 'utf8')),
    ]),
  );
  return {
    handle(req, url) {
      const m = url.pathname.match(/^\/api\/klass\/v1\/classifications\/(\d+)\/codesAt(?:\.json)?$/);
      if (!m || req.method !== 'GET') return undefined;
      const data = shipped[m[1]];
      if (!data) return { status: 404, body: { error: `no classification ${m[1]}` } };
      const date = url.searchParams.get('date') ?? '';
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return { status: 400, body: { error: 'date must be YYYY-MM-DD' } };
      if (date < data.validFrom) return { status: 404, body: { error: `no codes valid at ${date} in the stand-in` } };
      const codes = data.codes.map((c) => Object.fromEntries(KLASS_FIELDS.map((k) => [k, c[k] ?? null])));
      return { status: 200, body: { codes } };
    },
  };
}
