// KRR stand-in: Digdir's kontakt- og reservasjonsregister, the REST lookup of its
// oppslagstjeneste (POST /rest/v2/personer), answered from the `krr` field of the synthetic
// persons in ../idporten/persons.json. Whether a person may be notified follows Digdir's rule:
// not if reserved, and not if their contact details were last verified more than 18 months ago.
// Any other synthetic number (month + 80: the synthetic population panels draw from) gets an
// entry made from its SHA-256, by the rule app/src/ssr/contact/fixture.rs follows: three in
// four a usable address, one in ten reserved, the rest not registered.
import { createHash } from 'node:crypto';
import { SCOPE_KRR } from './maskinporten.mjs';

const PATH = '/rest/v2/personer';
const MAX_IDS = 1000;
const STALE_AFTER_DAYS = 548; // 18 months
const DAY_MS = 24 * 60 * 60 * 1000;

const error = (status, message) => ({ status, body: { error: message } });

export function createKrr({ persons, maskinporten, control }) {
  const byPid = new Map(persons.filter((p) => p.pid).map((p) => [p.pid, p]));

  async function handle(req, url, body) {
    if (url.pathname !== PATH) return undefined;
    if (req.method !== 'POST') return error(405, 'only POST');
    const token = maskinporten.tokenInfo(req.headers.authorization);
    if (!token) return error(401, 'missing or unknown Maskinporten token');
    const failure = await control.intercept(token.client_id, 'krr');
    if (failure) return failure;
    if (token.expired) return error(401, 'the Maskinporten token has expired');
    if (!token.scopes.includes(SCOPE_KRR)) return error(403, `the token lacks scope ${SCOPE_KRR}`);

    let ids;
    try {
      ids = JSON.parse(body).personidentifikatorer;
    } catch {
      return error(400, 'the body must be JSON: {"personidentifikatorer": [...]}');
    }
    if (!Array.isArray(ids) || ids.length < 1 || ids.length > MAX_IDS) {
      return error(400, `personidentifikatorer must list 1 to ${MAX_IDS} ids`);
    }
    if (!ids.every((id) => typeof id === 'string' && /^\d{11}$/.test(id))) {
      return error(400, 'every personidentifikator must be 11 digits');
    }
    const now = control.now();
    const entry = (id) => (byPid.has(id) ? byPid.get(id) : syntheticPerson(id));
    return { status: 200, body: { personer: ids.map((id) => krrPerson(id, entry(id), now)) } };
  }

  return { handle };
}

function syntheticPerson(pid) {
  if (Number(pid.slice(2, 4)) <= 80) return undefined;
  const h = createHash('sha256').update(`innspill-synthetic-krr:${pid}`).digest();
  if (h[0] >= 218) return undefined;
  const email = `innbygger-${h.subarray(1, 5).toString('hex')}@eksempel.no`;
  return { krr: { email, reserved: h[0] >= 192, verified_days_ago: 30 } };
}

function krrPerson(personidentifikator, person, now) {
  const krr = person?.krr;
  if (!krr) return { personidentifikator, status: 'IKKE_REGISTRERT', varslingsstatus: 'KAN_IKKE_VARSLES' };
  const verified = new Date(now - krr.verified_days_ago * DAY_MS).toISOString();
  const kontaktinformasjon = {
    epostadresse: krr.email,
    epostadresse_oppdatert: verified,
    epostadresse_sist_verifisert: verified,
  };
  if (krr.mobile) {
    Object.assign(kontaktinformasjon, {
      mobiltelefonnummer: krr.mobile,
      mobiltelefonnummer_oppdatert: verified,
      mobiltelefonnummer_sist_verifisert: verified,
    });
  }
  const canNotify = !krr.reserved && krr.verified_days_ago <= STALE_AFTER_DAYS;
  return {
    personidentifikator,
    reservasjon: krr.reserved ? 'JA' : 'NEI',
    status: 'AKTIV',
    varslingsstatus: canNotify ? 'KAN_VARSLES' : 'KAN_IKKE_VARSLES',
    kontaktinformasjon,
    spraak: 'nb',
  };
}
