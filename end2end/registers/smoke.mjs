// Smoke test of the register stand-ins: starts server.mjs on a free port and plays Innspill's
// part with plain fetch: Maskinporten grants (good and each kind of bad), Folkeregisteret and KRR
// lookups, and every test-control knob. `node end2end/registers/smoke.mjs`; exits non-zero on
// the first failure.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { CompactSign } from 'jose';
import { fregPerson, vegadresse } from './folkeregisteret.mjs';
import { SCOPE_FREG, SCOPE_KRR } from './maskinporten.mjs';

const persons = JSON.parse(readFileSync(new URL('../idporten/persons.json', import.meta.url), 'utf8'));
const pidOf = (id) => persons.find((p) => p.id === id).pid;
const UNKNOWN_PID = '01010100050'; // 11 digits, nobody's

const port = await new Promise((resolve) => {
  const srv = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = srv.address();
    srv.close(() => resolve(free));
  });
});
const origin = `http://127.0.0.1:${port}`;
const issuer = `${origin}/`;
const output = [];
const started = Date.now();
const server = spawn(process.execPath, [new URL('./server.mjs', import.meta.url).pathname], {
  env: { ...process.env, REGISTERS_STANDIN_PORT: String(port), REGISTERS_STANDIN_EXIT_WITH_STDIN: '1' },
  stdio: ['pipe', 'pipe', 'pipe'],
});
server.stderr.on('data', (d) => output.push(String(d)));
await new Promise((resolve, reject) => {
  server.stdout.on('data', (d) => {
    output.push(String(d));
    if (String(d).includes(`Registers stand-in: ${origin}`)) resolve();
  });
  server.on('exit', () => reject(new Error(`server exited:\n${output.join('')}`)));
});
const startupMs = Date.now() - started;

let checks = 0;
async function step(name, fn) {
  try {
    await fn();
    checks++;
    console.log(`ok - ${name}`);
  } catch (err) {
    console.error(`FAILED - ${name}\n`, err, `\n--- server output ---\n${output.join('')}`);
    process.exit(1);
  }
}

async function call(path, init = {}) {
  const res = await fetch(new URL(path, origin), init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
}
const post = (path, body) => call(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
async function control(path, body) {
  const res = await post(`/__test/${path}`, body);
  assert.equal(res.status, 204, JSON.stringify(res.json));
}

// --- Maskinporten grants -------------------------------------------------------------------------
const devKey = createPrivateKey(readFileSync(new URL('../idporten/dev-client-key.pem', import.meta.url)));
const nowS = () => Math.floor(Date.now() / 1000);

// A grant for innspill-dev unless overridden; an undefined claim or header field is left out.
async function assertion(claims = {}, { key = devKey, header = {} } = {}) {
  const drop = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  const payload = drop({ iss: 'innspill-dev', aud: issuer, scope: SCOPE_FREG, iat: nowS(), exp: nowS() + 60, jti: randomUUID(), ...claims });
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader(drop({ alg: 'RS256', kid: 'innspill-dev-key', ...header }))
    .sign(key);
}
function tokenRequest(jwt, grantType = 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
  return call('/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: grantType, ...(jwt && { assertion: jwt }) }),
  });
}
async function accessToken(claims, opts) {
  const res = await tokenRequest(await assertion(claims, opts));
  assert.equal(res.status, 200, JSON.stringify(res.json));
  return res.json.access_token;
}
async function refused(jwt, status, error, description) {
  const res = await tokenRequest(await jwt);
  assert.equal(res.status, status, JSON.stringify(res.json));
  assert.equal(res.json.error, error);
  if (description instanceof RegExp) assert.match(res.json.error_description, description);
  else assert.equal(res.json.error_description, description);
}

// Test clients with keys of their own: smoke-a may do both, the others one scope each.
const clientKeys = {};
async function registerClient(clientId, scopes, delegations = []) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  clientKeys[clientId] = privateKey;
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: `${clientId}-key`, alg: 'RS256', use: 'sig' };
  await control('clients', { client_id: clientId, jwk, scopes, delegations });
}
const tokenFor = (clientId, scope = SCOPE_FREG, claims = {}) => accessToken(
  { iss: clientId, scope, ...claims },
  { key: clientKeys[clientId], header: { kid: `${clientId}-key` } },
);

// --- the registers -------------------------------------------------------------------------------
const fregPath = (pid, parts = []) => `/folkeregisteret/offentlig-med-hjemmel/api/v1/personer/${pid}${
  parts.length ? `?${parts.map((p) => `part=${p}`).join('&')}` : ''}`;
const freg = (pid, token, parts) => call(fregPath(pid, parts), token ? { headers: { authorization: `Bearer ${token}` } } : {});
const krr = (ids, token, raw) => call('/rest/v2/personer', {
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
  body: raw ?? JSON.stringify({ personidentifikatorer: ids }),
});

let devToken;

await step(`started in ${startupMs} ms; metadata and empty JWKS`, async () => {
  assert.ok(startupMs < 2000);
  const meta = await call('/.well-known/oauth-authorization-server');
  assert.equal(meta.status, 200);
  assert.equal(meta.headers.get('content-type'), 'application/json');
  assert.deepEqual(meta.json, {
    issuer,
    token_endpoint: `${issuer}token`,
    jwks_uri: `${issuer}jwk`,
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    grant_types_supported: ['urn:ietf:params:oauth:grant-type:jwt-bearer'],
    token_endpoint_auth_signing_alg_values_supported: ['RS256', 'RS384', 'RS512'],
  });
  assert.deepEqual((await call('/jwk')).json, { keys: [] });
});

await step('token: innspill-dev gets an opaque token for both scopes, on behalf of a delegating org', async () => {
  const res = await tokenRequest(await assertion({ scope: `${SCOPE_FREG} ${SCOPE_KRR}`, consumer_org: '999999998' }));
  assert.equal(res.status, 200, JSON.stringify(res.json));
  assert.equal(res.headers.get('cache-control'), 'no-store');
  assert.ok(res.headers.get('date'));
  assert.equal(res.json.token_type, 'Bearer');
  assert.equal(res.json.expires_in, 120);
  assert.equal(res.json.scope, `${SCOPE_FREG} ${SCOPE_KRR}`);
  assert.match(res.json.access_token, /^[\w-]{32,}$/);
  devToken = res.json.access_token;
  await accessToken({}, { header: { alg: 'RS512' } }); // the other RS algs are taken too
});

await step('token: every rejection names its reason', async () => {
  const wrongGrant = await tokenRequest(await assertion(), 'client_credentials');
  assert.deepEqual([wrongGrant.status, wrongGrant.json.error], [400, 'unsupported_grant_type']);
  await refused(undefined, 400, 'invalid_grant', 'assertion is missing');
  await refused('not.a.jwt', 400, 'invalid_grant', 'assertion is not a signed JWT');
  await refused(assertion({}, { header: { kid: undefined, x5c: ['MIIB'] } }), 400, 'invalid_grant',
    'x5c is not supported by the stand-in; register a key (kid)');
  await refused(assertion({}, { key: new TextEncoder().encode('a'.repeat(32)), header: { alg: 'HS256' } }), 400, 'invalid_grant',
    'alg must be one of RS256, RS384, RS512');
  await refused(assertion({ iss: 'nobody' }), 401, 'invalid_client', /unknown client/);
  await refused(assertion({}, { header: { kid: 'other-key' } }), 400, 'invalid_grant', /kid other-key is not registered/);
  const { privateKey: stranger } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  await refused(assertion({}, { key: stranger }), 400, 'invalid_grant', /signature does not verify/);
  await refused(assertion({ aud: origin }), 400, 'invalid_grant', `aud must be ${issuer}`);
  await refused(assertion({ aud: 'https://maskinporten.no/' }), 400, 'invalid_grant', `aud must be ${issuer}`);
  await refused(assertion({ iat: undefined }), 400, 'invalid_grant', 'iat and exp are required');
  await refused(assertion({ exp: undefined }), 400, 'invalid_grant', 'iat and exp are required');
  await refused(assertion({ exp: nowS() + 121 }), 400, 'invalid_grant', 'exp - iat must be at most 120 seconds');
  await refused(assertion({ iat: nowS() + 30, exp: nowS() + 90 }), 400, 'invalid_grant', 'iat is in the future');
  await refused(assertion({ iat: nowS() - 100, exp: nowS() - 20 }), 400, 'invalid_grant', /assertion has expired/);
  await refused(assertion({ jti: undefined }), 400, 'invalid_grant', 'jti is required');
  const once = await assertion();
  assert.equal((await tokenRequest(once)).status, 200);
  await refused(once, 400, 'invalid_grant', 'jti already used');
  await refused(assertion({ scope: `${SCOPE_FREG} altinn:something` }), 400, 'invalid_scope', 'scope not allowed: altinn:something');
  await refused(assertion({ scope: undefined }), 400, 'invalid_scope', 'scope is required');
  await refused(assertion({ consumer_org: '123456789' }), 400, 'invalid_grant',
    'consumer_org 123456789 has not delegated the scope to this client');
  await refused(assertion({ consumer_org: '12345' }), 400, 'invalid_grant', /9 digits/);
  // within the 10 s leeway: still fine
  await accessToken({ iat: nowS() + 5, exp: nowS() + 65 });
});

await step('test clients: registered with their own key, scopes and delegations', async () => {
  await registerClient('smoke-a', [SCOPE_FREG, SCOPE_KRR], ['910000001']);
  await registerClient('smoke-krr-only', [SCOPE_KRR]);
  await registerClient('smoke-freg-only', [SCOPE_FREG]);
  await tokenFor('smoke-a', `${SCOPE_FREG} ${SCOPE_KRR}`, { consumer_org: '910000001' });
  // innspill-dev's key is not smoke-a's
  await refused(assertion({ iss: 'smoke-a' }, { header: { kid: 'smoke-a-key' } }), 400, 'invalid_grant', /signature/);
  const bad = await post('/__test/clients', { client_id: 'x', jwk: { kty: 'RSA', kid: 'k', n: 'AQAB', e: 'AQAB', d: 'AQAB' }, scopes: [] });
  assert.equal(bad.status, 400);
  assert.match(bad.json.error, /public RSA key/);
});

await step('folkeregisteret: a resident (bosatt), all elements, exact shape', async () => {
  const res = await freg(pidOf('kari-nordmann'), devToken);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/json');
  assert.deepEqual(res.json, {
    navn: [{ erGjeldende: true, gyldighetstidspunkt: '1990-01-01T00:00:00Z', fornavn: 'KARI', etternavn: 'NORDMANN', forkortetNavn: 'NORDMANN KARI' }],
    status: [{ erGjeldende: true, gyldighetstidspunkt: '2015-01-01T00:00:00Z', status: 'bosatt' }],
    foedsel: [{ erGjeldende: true, gyldighetstidspunkt: '1990-01-01T00:00:00Z', foedselsdato: '1990-01-01', foedselsaar: '1990' }],
    bostedsadresse: [{
      erGjeldende: true,
      gyldighetstidspunkt: '2015-01-01T00:00:00Z',
      adressegradering: 'ugradert',
      vegadresse: {
        kommunenummer: '9999',
        adressenavn: 'Storgata',
        adressenummer: { husnummer: '1' },
        poststed: { postnummer: '9999', poststedsnavn: 'EKSEMPELBY' },
      },
    }],
    adressebeskyttelse: [],
    identifikasjonsnummer: [{
      erGjeldende: true, gyldighetstidspunkt: '1990-01-01T00:00:00Z', foedselsEllerDNummer: pidOf('kari-nordmann'),
      identifikatortype: 'foedselsnummer', status: 'iBruk',
    }],
  });
});

await step('folkeregisteret: two given names, bruksenhet, Oslo, d-nummer', async () => {
  const lars = (await freg(pidOf('lars-olsen'), devToken, ['navn'])).json;
  assert.equal(lars.navn[0].fornavn, 'LARS ERIK');
  assert.equal(lars.navn[0].forkortetNavn, 'OLSEN LARS ERIK');
  const aisha = (await freg(pidOf('aisha-ali'), devToken, ['bostedsadresse'])).json.bostedsadresse[0].vegadresse;
  assert.deepEqual(aisha.adressenummer, { husnummer: '2' });
  assert.equal(aisha.bruksenhetsnummer, 'H0201');
  assert.equal(aisha.adressenavn, 'Kirkebakken');
  const mari = (await freg(pidOf('mari-solberg'), devToken, ['bostedsadresse'])).json.bostedsadresse[0].vegadresse;
  assert.deepEqual([mari.kommunenummer, mari.poststed], ['0301', { postnummer: '0150', poststedsnavn: 'OSLO' }]);
  const tomasz = (await freg(pidOf('tomasz-kowalski'), devToken, ['identifikasjonsnummer'])).json;
  assert.equal(tomasz.identifikasjonsnummer[0].identifikatortype, 'dNummer');
});

await step('folkeregisteret: fortrolig address is given, marked', async () => {
  const { json } = await freg(pidOf('hanne-vern'), devToken, ['bostedsadresse', 'adressebeskyttelse']);
  assert.equal(json.bostedsadresse.length, 1);
  assert.equal(json.bostedsadresse[0].erGjeldende, true);
  assert.equal(json.bostedsadresse[0].adressegradering, 'fortrolig');
  assert.equal(json.bostedsadresse[0].vegadresse.kommunenummer, '9999');
  assert.equal(json.bostedsadresse[0].vegadresse.adressenavn, 'Skjermet adresse');
  assert.ok(!('adressenummer' in json.bostedsadresse[0].vegadresse));
  assert.deepEqual(json.adressebeskyttelse.map(({ erGjeldende, graderingsnivaa }) => ({ erGjeldende, graderingsnivaa })),
    [{ erGjeldende: true, graderingsnivaa: 'fortrolig' }]);
});

await step('folkeregisteret: utflyttet and doed have a history and no current address', async () => {
  for (const [id, status] of [['nils-utflyttet', 'utflyttet'], ['dag-avdod', 'doed']]) {
    const { json } = await freg(pidOf(id), devToken, ['status', 'bostedsadresse']);
    assert.deepEqual(json.status.map((s) => [s.erGjeldende, s.status]), [[false, 'bosatt'], [true, status]]);
    assert.equal(json.bostedsadresse.length, 1);
    assert.equal(json.bostedsadresse[0].erGjeldende, false);
    assert.equal(json.bostedsadresse[0].vegadresse.kommunenummer, '9999');
    assert.ok(!json.bostedsadresse.some((a) => a.erGjeldende));
  }
  assert.equal((await freg(pidOf('dag-avdod'), devToken, ['navn'])).json.navn[0].etternavn, 'AVDØD');
});

await step('folkeregisteret: strengt fortrolig, ikkeBosatt, husbokstav (made-up persons, unit level)', () => {
  const base = { pid: '01819012365', given_name: 'A', family_name: 'B', birth_date: '2018-02-03' };
  const secret = fregPerson({ ...base, kommunenummer: '9999', address: 'Storgata 1, 9999 Eksempelby', address_protection: 'strengtFortrolig' });
  assert.deepEqual(secret.bostedsadresse, []);
  assert.equal(secret.adressebeskyttelse[0].graderingsnivaa, 'strengtFortrolig');
  assert.equal(secret.status[0].gyldighetstidspunkt, '2018-02-03T00:00:00Z'); // born after 2015
  const abroad = fregPerson({ ...base, kommunenummer: null, address: null }, ['status', 'bostedsadresse']);
  assert.deepEqual(Object.keys(abroad), ['status', 'bostedsadresse']);
  assert.equal(abroad.status[0].status, 'ikkeBosatt');
  assert.deepEqual(abroad.bostedsadresse, []);
  assert.deepEqual(vegadresse('9999', 'Fjordveien 12b, 9999 Eksempelby').adressenummer, { husnummer: '12', husbokstav: 'B' });
  assert.deepEqual(vegadresse('9999', 'Fjordveien 12B H0101, 9999 Eksempelby').bruksenhetsnummer, 'H0101');
});

await step('folkeregisteret: part filtering; unknown part, unknown and malformed ids', async () => {
  const some = await freg(pidOf('kari-nordmann'), devToken, ['navn', 'status']);
  assert.deepEqual(Object.keys(some.json).sort(), ['navn', 'status']);
  const basis = await freg(pidOf('kari-nordmann'), devToken, ['person-basis']);
  assert.equal(Object.keys(basis.json).length, 6);
  const bad = await freg(pidOf('kari-nordmann'), devToken, ['navn', 'skatt']);
  assert.deepEqual([bad.status, bad.json], [400, { kode: 'FREG-400', melding: 'ukjent part: skatt' }]);
  const unknown = await freg(UNKNOWN_PID, devToken);
  assert.deepEqual([unknown.status, unknown.json], [404, { kode: 'FREG-002', melding: 'Fant ikke person' }]);
  const malformed = await freg('1234', devToken);
  assert.equal(malformed.status, 400);
  assert.equal(malformed.json.kode, 'FREG-400');
});

await step('folkeregisteret: 401 without or with an unknown token, 403 without the scope', async () => {
  assert.deepEqual([(await freg(pidOf('kari-nordmann'))).status, (await freg(pidOf('kari-nordmann'))).json.kode], [401, 'FREG-401']);
  assert.equal((await freg(pidOf('kari-nordmann'), 'made-up-token')).status, 401);
  const res = await freg(pidOf('kari-nordmann'), await tokenFor('smoke-krr-only', SCOPE_KRR));
  assert.deepEqual([res.status, res.json.kode], [403, 'FREG-403']);
});

await step('krr: one entry per id, in order; reserved, stale, not registered', async () => {
  const ids = ['kari-nordmann', 'ingrid-hansen', 'per-johansen', 'ola-nordmann', 'aisha-ali'].map(pidOf);
  const before = Date.now();
  const res = await krr([...ids, UNKNOWN_PID], devToken);
  assert.equal(res.status, 200, JSON.stringify(res.json));
  const [kari, ingrid, per, ola, aisha, unknown] = res.json.personer;
  assert.equal(res.json.personer.length, 6);
  assert.deepEqual(res.json.personer.map((p) => p.personidentifikator), [...ids, UNKNOWN_PID]);
  const fortyDaysAgo = new Date(kari.kontaktinformasjon.epostadresse_sist_verifisert).getTime();
  assert.ok(Math.abs(before - 40 * 86_400_000 - fortyDaysAgo) < 60_000);
  assert.deepEqual(kari, {
    personidentifikator: ids[0],
    reservasjon: 'NEI',
    status: 'AKTIV',
    varslingsstatus: 'KAN_VARSLES',
    kontaktinformasjon: {
      epostadresse: 'kari.nordmann@eksempel.no',
      epostadresse_oppdatert: kari.kontaktinformasjon.epostadresse_sist_verifisert,
      epostadresse_sist_verifisert: kari.kontaktinformasjon.epostadresse_sist_verifisert,
      mobiltelefonnummer: '+4799000001',
      mobiltelefonnummer_oppdatert: kari.kontaktinformasjon.epostadresse_sist_verifisert,
      mobiltelefonnummer_sist_verifisert: kari.kontaktinformasjon.epostadresse_sist_verifisert,
    },
    spraak: 'nb',
  });
  assert.deepEqual([ingrid.reservasjon, ingrid.varslingsstatus], ['JA', 'KAN_IKKE_VARSLES']);
  assert.deepEqual(Object.keys(ingrid.kontaktinformasjon).filter((k) => k.startsWith('mobil')), []);
  assert.deepEqual([per.reservasjon, per.varslingsstatus], ['NEI', 'KAN_IKKE_VARSLES']); // 900 days
  assert.equal(ola.varslingsstatus, 'KAN_VARSLES'); // 400 days
  for (const [entry, pid] of [[aisha, ids[4]], [unknown, UNKNOWN_PID]]) {
    assert.deepEqual(entry, { personidentifikator: pid, status: 'IKKE_REGISTRERT', varslingsstatus: 'KAN_IKKE_VARSLES' });
  }
});

await step('krr: 400 for 0 or 1001 ids, bad JSON, a malformed id; 401 and 403', async () => {
  assert.equal((await krr([], devToken)).status, 400);
  assert.equal((await krr(Array(1001).fill(UNKNOWN_PID), devToken)).status, 400);
  assert.equal((await krr(Array(1000).fill(UNKNOWN_PID), devToken)).status, 200);
  assert.equal((await krr(null, devToken, '{nope')).status, 400);
  const bad = await krr(['123'], devToken);
  assert.equal(bad.status, 400);
  assert.equal(typeof bad.json.error, 'string');
  assert.equal((await krr([UNKNOWN_PID])).status, 401);
  assert.equal((await krr([UNKNOWN_PID], await tokenFor('smoke-freg-only'))).status, 403);
});

await step('failure modes: 429 with Retry-After, 500, 503 per service, counted down by times', async () => {
  await control('reset', { client_id: 'smoke-a' });
  const token = await tokenFor('smoke-a', `${SCOPE_FREG} ${SCOPE_KRR}`);
  const kari = pidOf('kari-nordmann');
  await control('fail', { client_id: 'smoke-a', service: 'folkeregisteret', mode: '429', times: 1, retry_after: 7 });
  const busy = await freg(kari, token);
  assert.deepEqual([busy.status, busy.headers.get('retry-after'), busy.json], [429, '7', { kode: 'FREG-429', melding: 'For mange forespørsler' }]);
  assert.equal((await freg(kari, token)).status, 200); // times: 1 is used up
  await control('fail', { client_id: 'smoke-a', service: 'folkeregisteret', mode: '503', times: 2 });
  assert.equal((await freg(kari, token)).status, 503);
  assert.equal((await freg(kari, devToken)).status, 200, 'another client is not affected');
  assert.equal((await krr([kari], token)).status, 200, 'another service is not affected');
  assert.equal((await freg(kari, token)).status, 503);
  assert.equal((await freg(kari, token)).status, 200);
  await control('fail', { client_id: 'smoke-a', service: 'krr', mode: '500' }); // until reset
  for (let i = 0; i < 3; i++) {
    const res = await krr([kari], token);
    assert.equal(res.status, 500);
    assert.equal(typeof res.json.error, 'string');
  }
  await control('fail', { client_id: 'smoke-a', service: 'krr', mode: '429' });
  assert.equal((await krr([kari], token)).headers.get('retry-after'), '2', 'default retry_after');
  const stats = await call('/__test/stats?client_id=smoke-a');
  assert.deepEqual(stats.json, { token: 1, folkeregisteret: 5, krr: 5 });
  await control('reset', { client_id: 'smoke-a' });
  assert.equal((await krr([kari], token)).status, 200);
  assert.deepEqual((await call('/__test/stats?client_id=smoke-a')).json, { token: 0, folkeregisteret: 0, krr: 1 });
});

await step('failure modes: slow answers normally after delay_ms; maskinporten fails by the grant iss', async () => {
  const token = await tokenFor('smoke-a', SCOPE_FREG);
  await control('fail', { client_id: 'smoke-a', service: 'folkeregisteret', mode: 'slow', delay_ms: 300, times: 1 });
  const t0 = Date.now();
  assert.equal((await freg(pidOf('kari-nordmann'), token)).status, 200);
  assert.ok(Date.now() - t0 >= 290, `answered after ${Date.now() - t0} ms`);
  await control('fail', { client_id: 'smoke-a', service: 'maskinporten', mode: '503', times: 1 });
  const grant = await assertion({ iss: 'smoke-a' }, { key: clientKeys['smoke-a'], header: { kid: 'smoke-a-key' } });
  const down = await tokenRequest(grant);
  assert.deepEqual([down.status, down.json.error], [503, 'temporarily_unavailable']);
  assert.equal((await tokenRequest(grant)).status, 200, 'the same grant may be retried: its jti was not spent');
  const stats = (await call('/__test/stats?client_id=smoke-a')).json;
  assert.equal(stats.token, 3);
  const bad = await post('/__test/fail', { client_id: 'smoke-a', service: 'altinn', mode: '500' });
  assert.equal(bad.status, 400);
});

await step('clock offset: Date header, grant times and token expiry are judged by the shifted clock', async () => {
  const token = await accessToken({});
  await control('clock', { offset_seconds: 3600 });
  const res = await freg(pidOf('kari-nordmann'), token);
  assert.equal(res.status, 401, 'the token expired an hour ago by the stand-in clock');
  const date = new Date(res.headers.get('date')).getTime();
  assert.ok(Math.abs(date - (Date.now() + 3600_000)) < 5000, res.headers.get('date'));
  await refused(assertion(), 400, 'invalid_grant', /assertion has expired/);
  await accessToken({ iat: nowS() + 3600, exp: nowS() + 3660 });
  await control('clock', { offset_seconds: 0 });
  assert.ok(Math.abs(new Date((await call('/jwk')).headers.get('date')).getTime() - Date.now()) < 5000);
});

await step('token TTL: settable, tokens expire; a full reset restores 120 s and the clock', async () => {
  await control('ttl', { seconds: 1 });
  const res = await tokenRequest(await assertion({ scope: SCOPE_KRR }));
  assert.equal(res.json.expires_in, 1);
  assert.equal((await krr([UNKNOWN_PID], res.json.access_token)).status, 200);
  await new Promise((resolve) => { setTimeout(resolve, 1100); });
  assert.equal((await krr([UNKNOWN_PID], res.json.access_token)).status, 401);
  await control('clock', { offset_seconds: 999 });
  const reset = await call('/__test/reset', { method: 'POST' });
  assert.equal(reset.status, 204);
  assert.equal((await tokenRequest(await assertion())).json.expires_in, 120);
  assert.deepEqual((await call('/__test/stats?client_id=smoke-a')).json, { token: 0, folkeregisteret: 0, krr: 0 });
});

await step('KLASS: the update script rewrites the classification from codesAt, keeping language fields', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ssb-'));
  const shipped = (f) => JSON.parse(readFileSync(new URL(`../../app/data/ssb/${f}`, import.meta.url), 'utf8'));
  // An older copy: Karasjok missing, Oslo under its pre-2026 name.
  const older = shipped('kommuner.json');
  older.codes = older.codes.filter((c) => c.code !== '5610').map((c) => (c.code === '0301' ? { ...c, name: 'Oslo' } : c));
  writeFileSync(join(dir, 'kommuner.json'), JSON.stringify(older));
  writeFileSync(join(dir, 'fylker.json'), JSON.stringify(shipped('fylker.json')));
  const run = spawnSync(process.execPath, [
    new URL('../../tools/ssb-classification.mjs', import.meta.url).pathname,
    '--date', '2026-01-01', '--klass', `${origin}/api/klass/v1`, '--out', dir,
  ], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /kommuner\.json: 357 municipalities valid on 2026-01-01; 1 new \(5610 Kárášjohka - Karasjok\)/);
  assert.match(run.stdout, /fylker\.json: 15 counties/);
  assert.match(run.stdout, /0301 Oslo - Oslove: a new bilingual name/);
  const written = JSON.parse(readFileSync(join(dir, 'kommuner.json'), 'utf8'));
  assert.equal(written.validFrom, '2026-01-01');
  const bergen = written.codes.find((c) => c.code === '4601');
  assert.equal(bergen.name, 'Bergen');
  const lyngen = written.codes.find((c) => c.code === '5536');
  assert.equal(lyngen.nameSme, 'Ivgu', 'an unchanged name keeps its language fields');
  assert.equal(written.codes.find((c) => c.code === '0301').nameSma, undefined, 'a changed name is left to a person');
  const early = spawnSync(process.execPath, [
    new URL('../../tools/ssb-classification.mjs', import.meta.url).pathname,
    '--date', '1999-01-01', '--klass', `${origin}/api/klass/v1`, '--out', dir,
  ], { encoding: 'utf8' });
  assert.equal(early.status, 1);
  assert.match(early.stderr, /answered 404/);
  rmSync(dir, { recursive: true });
});

await step('the server never printed a pid', () => {
  const printed = output.join('');
  assert.ok(!persons.some((p) => p.pid && printed.includes(p.pid)), printed);
});

console.log(`\n${checks} passed, 0 failed`);
server.stdin.end();
