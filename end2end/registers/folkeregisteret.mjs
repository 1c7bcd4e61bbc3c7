// Folkeregisteret stand-in: Skatteetaten's "offentlig med hjemmel" person lookup, at its real
// path and with its real element and field names, answered from the synthetic persons of
// ../idporten/persons.json. Only the elements Innspill asks for exist here (the `part`s below);
// each is, as in the real register, a list of historical entries where `erGjeldende` marks the
// current one. Dates in the history are made up but stable, so tests can compare them.
import { SCOPE_FREG } from './maskinporten.mjs';

const PATH = /^\/folkeregisteret\/offentlig-med-hjemmel\/api\/v1\/personer\/([^/]+)$/;
const PARTS = ['navn', 'status', 'foedsel', 'bostedsadresse', 'adressebeskyttelse', 'identifikasjonsnummer'];
const SETTLED = '2015-01-01'; // when a resident's current address began (their birth, if later)
const CHANGED = '2023-06-01'; // when an utflyttet/doed person left or died
const FORMER_ADDRESS = 'Gamleveien 5, 9999 Eksempelby'; // where utflyttet/doed persons lived

const error = (status, kode, melding) => ({ status, body: { kode, melding } });
const at = (date) => `${date}T00:00:00Z`;

export function createFolkeregisteret({ persons, maskinporten, control }) {
  const byPid = new Map(persons.filter((p) => p.pid).map((p) => [p.pid, p]));

  async function handle(req, url) {
    const m = PATH.exec(url.pathname);
    if (!m) return undefined;
    if (req.method !== 'GET') return error(405, 'FREG-405', 'Metoden er ikke tillatt');
    const token = maskinporten.tokenInfo(req.headers.authorization);
    if (!token) return error(401, 'FREG-401', 'Mangler gyldig Maskinporten-token');
    const failure = await control.intercept(token.client_id, 'folkeregisteret', decodeURIComponent(m[1]));
    if (failure) return failure;
    if (token.expired) return error(401, 'FREG-401', 'Maskinporten-tokenet er utløpt');
    if (!token.scopes.includes(SCOPE_FREG)) return error(403, 'FREG-403', `Tokenet mangler scope ${SCOPE_FREG}`);

    const parts = url.searchParams.getAll('part');
    const unknown = parts.find((p) => p !== 'person-basis' && !PARTS.includes(p));
    if (unknown !== undefined) return error(400, 'FREG-400', `ukjent part: ${unknown}`);
    const id = decodeURIComponent(m[1]);
    if (!/^\d{11}$/.test(id)) return error(400, 'FREG-400', 'ugyldig personidentifikator (11 siffer)');
    const person = byPid.get(id);
    if (!person) return error(404, 'FREG-002', 'Fant ikke person');
    return { status: 200, body: fregPerson(person, parts) };
  }

  return { handle };
}

// A person as Folkeregisteret returns them, with only the requested elements (all of them for
// none or `person-basis`). Exported for the smoke test, which also feeds it made-up persons.
export function fregPerson(p, parts = []) {
  const wanted = parts.length === 0 || parts.includes('person-basis') ? PARTS : PARTS.filter((x) => parts.includes(x));
  const born = p.birth_date ?? SETTLED;
  const settled = born > SETTLED ? born : SETTLED;
  const left = p.status === 'utflyttet' || p.status === 'doed';
  const elements = {
    identifikasjonsnummer: () => [{
      erGjeldende: true,
      gyldighetstidspunkt: at(born),
      foedselsEllerDNummer: p.pid,
      identifikatortype: Number(p.pid[0]) >= 4 ? 'dNummer' : 'foedselsnummer',
      status: 'iBruk',
    }],
    status: () => [
      ...(left ? [{ erGjeldende: false, gyldighetstidspunkt: at(settled), status: 'bosatt' }] : []),
      {
        erGjeldende: true,
        gyldighetstidspunkt: at(left ? CHANGED : settled),
        status: p.status ?? (p.kommunenummer ? 'bosatt' : 'ikkeBosatt'),
      },
    ],
    navn: () => {
      const fornavn = (p.given_name ?? '').toUpperCase();
      const etternavn = (p.family_name ?? '').toUpperCase();
      return [{ erGjeldende: true, gyldighetstidspunkt: at(born), fornavn, etternavn, forkortetNavn: `${etternavn} ${fornavn}`.trim() }];
    },
    foedsel: () => (p.birth_date
      ? [{ erGjeldende: true, gyldighetstidspunkt: at(born), foedselsdato: p.birth_date, foedselsaar: p.birth_date.slice(0, 4) }]
      : []),
    bostedsadresse: () => {
      // Folkeregisteret does not hand out strengt fortrolig addresses, not even with hjemmel.
      if (p.address_protection === 'strengtFortrolig') return [];
      if (left) {
        return [{
          erGjeldende: false,
          gyldighetstidspunkt: at(settled),
          opphoerstidspunkt: at(CHANGED),
          adressegradering: 'ugradert',
          vegadresse: vegadresse('9999', FORMER_ADDRESS),
        }];
      }
      if (!p.kommunenummer || !p.address) return [];
      return [{
        erGjeldende: true,
        gyldighetstidspunkt: at(settled),
        adressegradering: p.address_protection ?? 'ugradert',
        vegadresse: vegadresse(p.kommunenummer, p.address),
      }];
    },
    adressebeskyttelse: () => (p.address_protection
      ? [{ erGjeldende: true, gyldighetstidspunkt: at(settled), graderingsnivaa: p.address_protection }]
      : []),
  };
  return Object.fromEntries(wanted.map((name) => [name, elements[name]()]));
}

// "Kirkebakken 2B H0201, 9999 Eksempelby" -> the vegadresse fields. A street without a number
// ("Skjermet adresse") gets no adressenummer.
export function vegadresse(kommunenummer, address) {
  const m = /^(.+?),\s*(\d{4})\s+(.+)$/.exec(address);
  if (!m) throw new Error('persons.json: an address must look like "Storgata 1, 9999 Eksempelby"');
  const [, street, postnummer, poststed] = m;
  const s = /^(.+?)\s+(\d+)\s*([A-Za-zÆØÅæøå])?(?:\s+([HUKL]\d{4}))?$/.exec(street);
  const out = { kommunenummer, adressenavn: s ? s[1] : street };
  if (s) out.adressenummer = { husnummer: s[2], ...(s[3] && { husbokstav: s[3].toUpperCase() }) };
  if (s?.[4]) out.bruksenhetsnummer = s[4];
  out.poststed = { postnummer, poststedsnavn: poststed.toUpperCase() };
  return out;
}
