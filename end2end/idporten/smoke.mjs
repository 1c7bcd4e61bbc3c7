// Smoke test of the ID-porten stand-in: starts server.mjs on a free port and plays a relying
// party with plain fetch and a hand-kept cookie jar. `node end2end/idporten/smoke.mjs`; exits
// non-zero on the first failure.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, importPKCS8, jwtVerify, SignJWT } from 'jose';
import { CLIENT_KEY_FILE, CLIENT_KEY_ID, CLIENT_SECRET } from './clients.mjs';
import { persons } from './persons.mjs';

const port = await new Promise((resolve) => {
  const srv = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = srv.address();
    srv.close(() => resolve(free));
  });
});
const issuer = `http://127.0.0.1:${port}`;
const rp = 'http://127.0.0.1:5555'; // nobody listens: only Location headers are read
const output = [];
const started = Date.now();
const server = spawn(process.execPath, [new URL('./server.mjs', import.meta.url).pathname], {
  env: { ...process.env, IDPORTEN_STANDIN_PORT: String(port), IDPORTEN_STANDIN_EXIT_WITH_STDIN: '1' },
  stdio: ['pipe', 'pipe', 'pipe'],
});
server.stderr.on('data', (d) => output.push(String(d)));
await new Promise((resolve, reject) => {
  server.stdout.on('data', (d) => {
    output.push(String(d));
    if (String(d).includes(`ID-porten stand-in: ${issuer}`)) resolve();
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

// A browser: a cookie jar (one host, paths ignored) and manual redirects.
function browser() {
  const jar = new Map();
  async function go(url, init = {}) {
    const headers = { ...init.headers, cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') };
    const res = await fetch(new URL(url, issuer), { ...init, headers, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      const expired = attrs.some((a) => /expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || !value) jar.delete(name); else jar.set(name, value);
    }
    return res;
  }
  // Follows redirects until one leaves the provider (to the RP) or a page is shown.
  async function follow(url, init) {
    let res = await go(url, init);
    while (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location'), issuer);
      if (next.origin !== issuer) return { location: next, res };
      res = await go(next);
    }
    return { res, html: await res.text(), url };
  }
  const form = (fields) => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { go, follow, form, jar };
}

const discovery = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();
const path = (u) => new URL(u).pathname;

function authRequest(clientId, { acr = 'idporten-loa-substantial', locales = 'nn', rpOrigin = rp } = {}) {
  const verifier = randomBytes(32).toString('base64url');
  const req = { verifier, state: randomUUID(), nonce: randomUUID(), redirectUri: `${rpOrigin}/auth/idporten/callback` };
  const url = new URL(discovery.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: clientId, response_type: 'code', scope: 'openid profile', redirect_uri: req.redirectUri,
    state: req.state, nonce: req.nonce, code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256', acr_values: acr, ui_locales: locales,
  });
  return { ...req, url: url.href };
}

// Authorization request up to the login page, then the login, to the code at the RP.
async function login(b, clientId, person, level, opts) {
  const req = authRequest(clientId, opts);
  const page = await b.follow(req.url);
  assert.equal(page.res.status, 200, page.html);
  assert.match(page.html, /<h1>TestID – velg testperson/);
  const uid = page.html.match(/action="\/interaction\/([\w-]+)\/login"/)[1];
  const done = await b.follow(`/interaction/${uid}/login`, b.form({ person, level }));
  return { ...req, page, params: done.location.searchParams, location: done.location };
}

async function token(req, code, clientId, extra = {}) {
  const body = { grant_type: 'authorization_code', code, redirect_uri: req.redirectUri, code_verifier: req.verifier, ...extra };
  const headers = { 'content-type': 'application/x-www-form-urlencoded' };
  if (extra.client_secret) {
    body.client_id = clientId; // client_secret_post
  } else if (clientId === 'innspill-dev') {
    headers.authorization = `Basic ${Buffer.from(`${clientId}:${encodeURIComponent(CLIENT_SECRET)}`).toString('base64')}`;
  } else {
    const key = await importPKCS8(readFileSync(CLIENT_KEY_FILE, 'utf8'), 'RS256');
    body.client_id = clientId;
    body.client_assertion_type = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
    body.client_assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: CLIENT_KEY_ID })
      .setIssuer(clientId).setSubject(clientId).setAudience(issuer)
      .setJti(randomUUID()).setIssuedAt().setExpirationTime('110s')
      .sign(key);
  }
  const res = await fetch(discovery.token_endpoint, { method: 'POST', headers, body: new URLSearchParams(body) });
  return { status: res.status, json: await res.json() };
}

async function verify(idToken, clientId, nonce) {
  const jwks = createLocalJWKSet(await (await fetch(discovery.jwks_uri)).json());
  const { payload } = await jwtVerify(idToken, jwks, { issuer, audience: clientId, algorithms: ['RS256'] });
  if (nonce) assert.equal(payload.nonce, nonce);
  return payload;
}

const kari = persons.find((p) => p.id === 'kari-nordmann');
const tokens = {};

await step(`started in ${startupMs} ms; discovery`, () => {
  assert.ok(startupMs < 2000);
  assert.equal(discovery.issuer, issuer);
  for (const ep of ['authorization', 'token', 'userinfo', 'end_session']) assert.ok(discovery[`${ep}_endpoint`], ep);
  assert.deepEqual(discovery.acr_values_supported, ['idporten-loa-substantial', 'idporten-loa-high']);
  for (const c of ['pid', 'acr', 'amr', 'sid', 'locale']) assert.ok(discovery.claims_supported.includes(c), c);
  assert.equal(discovery.authorization_response_iss_parameter_supported, true);
  assert.deepEqual(discovery.code_challenge_methods_supported, ['S256']);
});

for (const clientId of ['innspill-dev', 'innspill-dev-jwt']) {
  const b = browser();
  let req;
  await step(`${clientId}: login page, login at level high, code + state + iss`, async () => {
    req = await login(b, clientId, 'kari-nordmann', 'high');
    assert.match(req.page.html, /<html lang="nb">/);
    assert.match(req.page.html, /<legend>Testperson<\/legend>/);
    assert.match(req.page.html, /value="substantial" checked/);
    assert.ok(!persons.some((p) => p.pid && req.page.html.includes(p.pid)), 'a pid on the login page');
    assert.equal(req.location.origin + req.location.pathname, req.redirectUri);
    assert.ok(req.params.get('code'));
    assert.equal(req.params.get('state'), req.state);
    assert.equal(req.params.get('iss'), issuer);
  });
  await step(`${clientId}: token request without code_verifier is refused`, async () => {
    const res = await token(req, req.params.get('code'), clientId, { code_verifier: '' });
    assert.equal(res.status, 400);
    assert.equal(res.json.error, 'invalid_grant');
  });
  await step(`${clientId}: token exchange, ID token, userinfo`, async () => {
    const res = await token({ ...req }, req.params.get('code'), clientId);
    assert.equal(res.status, 200, JSON.stringify(res.json));
    const claims = await verify(res.json.id_token, clientId, req.nonce);
    assert.equal(claims.acr, 'idporten-loa-high');
    assert.deepEqual(claims.amr, ['TestID']);
    assert.equal(claims.pid, kari.pid);
    assert.equal(claims.locale, 'nn');
    assert.equal(claims.given_name, 'Kari');
    assert.equal(claims.name, 'Kari Nordmann');
    assert.ok(typeof claims.sid === 'string' && claims.sid);
    assert.ok(claims.sub && claims.sub !== 'kari-nordmann' && claims.sub !== kari.pid);
    assert.ok(claims.auth_time && claims.iat && claims.exp);
    tokens[clientId] = { ...res.json, claims, browser: b };
    const info = await fetch(discovery.userinfo_endpoint, { headers: { authorization: `Bearer ${res.json.access_token}` } });
    assert.equal(info.status, 200);
    const infoClaims = await info.json();
    assert.equal(infoClaims.sub, claims.sub);
    assert.equal(infoClaims.pid, kari.pid);
  });
  await step(`${clientId}: a replayed code is refused (and its grant revoked)`, async () => {
    const res = await token(req, req.params.get('code'), clientId);
    assert.equal(res.json.error, 'invalid_grant');
  });
}

await step('sub is pairwise: differs per client for the same person', () => {
  assert.notEqual(tokens['innspill-dev'].claims.sub, tokens['innspill-dev-jwt'].claims.sub);
});

await step('person without pid (eIDAS) and person without names: no pid, no names (client_secret_post)', async () => {
  for (const [id, names] of [['marie-dubois-eidas', true], ['epost-bruker', false]]) {
    const req = await login(browser(), 'innspill-dev', id, 'substantial', { locales: 'en' });
    const res = await token(req, req.params.get('code'), 'innspill-dev', { client_secret: CLIENT_SECRET });
    assert.equal(res.status, 200, JSON.stringify(res.json));
    const claims = await verify(res.json.id_token, 'innspill-dev', req.nonce);
    assert.ok(!('pid' in claims));
    assert.equal('given_name' in claims, names);
    assert.equal(claims.acr, 'idporten-loa-substantial');
    assert.equal(claims.locale, 'en');
  }
});

await step('SSO: a second request in the same browser needs no login; higher acr asks again', async () => {
  const b = tokens['innspill-dev'].browser;
  const again = authRequest('innspill-dev', { acr: 'idporten-loa-high' });
  const res = await b.follow(again.url);
  assert.equal(res.location.searchParams.get('state'), again.state);
  const b2 = browser();
  await login(b2, 'innspill-dev', 'ola-nordmann', 'substantial');
  const up = await b2.follow(authRequest('innspill-dev', { acr: 'idporten-loa-high' }).url);
  assert.equal(up.res.status, 200);
  assert.match(up.html, /value="high" checked/);
});

await step('Avbryt gives access_denied; a missing person re-shows the page with 400', async () => {
  const b = browser();
  const req = authRequest('innspill-dev');
  const page = await b.follow(req.url);
  const uid = page.html.match(/\/interaction\/([\w-]+)\/login/)[1];
  const bad = await b.follow(`/interaction/${uid}/login`, b.form({ level: 'high' }));
  assert.equal(bad.res.status, 400);
  assert.match(bad.html, /<title>Feil: /);
  assert.match(bad.html, /id="person-error"/);
  const done = await b.follow(`/interaction/${uid}/abort`, b.form({}));
  assert.equal(done.location.searchParams.get('error'), 'access_denied');
  assert.equal(done.location.searchParams.get('state'), req.state);
  assert.equal(done.location.searchParams.get('iss'), issuer);
});

async function tamperedToken(body) {
  const res = await fetch(`${issuer}/__test/tamper`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(res.status, 204);
  const req = await login(browser(), body.client_id, 'per-johansen', 'substantial');
  return (await token(req, req.params.get('code'), body.client_id)).json.id_token;
}

await step('tamper: aud is changed, the token still verifies; one-shot', async () => {
  const idToken = await tamperedToken({ client_id: 'innspill-dev', claims: { aud: 'someone-else' } });
  const claims = await verify(idToken, 'someone-else');
  assert.equal(claims.aud, 'someone-else');
  const req = await login(browser(), 'innspill-dev', 'per-johansen', 'substantial');
  await verify((await token(req, req.params.get('code'), 'innspill-dev')).json.id_token, 'innspill-dev', req.nonce);
});

await step('tamper: new_signing_key signs with a new kid, served in the JWKS afterwards', async () => {
  const before = (await (await fetch(discovery.jwks_uri)).json()).keys.map((k) => k.kid);
  const idToken = await tamperedToken({ client_id: 'innspill-dev-jwt', claims: {}, new_signing_key: true });
  const { kid } = decodeProtectedHeader(idToken);
  assert.ok(!before.includes(kid));
  const after = (await (await fetch(discovery.jwks_uri)).json()).keys.map((k) => k.kid);
  assert.deepEqual(after, [...before, kid]);
  await verify(idToken, 'innspill-dev-jwt');
});

await step('tamper + reset: an armed change is dropped', async () => {
  await fetch(`${issuer}/__test/tamper`, { method: 'POST', body: JSON.stringify({ client_id: 'innspill-dev', claims: { nonce: 'x' } }) });
  assert.equal((await fetch(`${issuer}/__test/reset`, { method: 'POST' })).status, 204);
  const req = await login(browser(), 'innspill-dev', 'per-johansen', 'substantial');
  assert.equal(decodeJwt((await token(req, req.params.get('code'), 'innspill-dev')).json.id_token).nonce, req.nonce);
});

await step('front-channel logout: logging out of one client frames the other with iss and sid', async () => {
  const b = browser();
  const a = await login(b, 'innspill-dev', 'kari-nordmann', 'substantial');
  const idA = (await token(a, a.params.get('code'), 'innspill-dev')).json.id_token;
  const other = authRequest('innspill-dev-jwt', { rpOrigin: 'http://localhost:5556' });
  const res = await b.follow(other.url); // SSO: straight to the RP
  const idB = (await token(other, res.location.searchParams.get('code'), 'innspill-dev-jwt')).json.id_token;
  const page = await b.follow(discovery.end_session_endpoint, b.form({ id_token_hint: idA, client_id: 'innspill-dev' }));
  const src = new URL(page.html.match(/<iframe src="([^"]+)"/)[1].replaceAll('&#38;', '&'));
  assert.equal(src.origin + src.pathname, 'http://localhost:5556/auth/idporten/frontchannel-logout');
  assert.equal(src.searchParams.get('iss'), issuer);
  assert.equal(src.searchParams.get('sid'), decodeJwt(idB).sid);
});

await step('RP-initiated logout (POST): back to post_logout_redirect_uri with state; session ended', async () => {
  const { browser: b, id_token: idToken } = tokens['innspill-dev'];
  const state = randomUUID();
  const postLogout = `${rp}/auth/idporten/logged-out`;
  const page = await b.follow(discovery.end_session_endpoint, b.form({
    id_token_hint: idToken, post_logout_redirect_uri: postLogout, state, client_id: 'innspill-dev',
  }));
  assert.equal(page.res.status, 200);
  assert.match(page.html, /<script src="\/static\/logout.js" defer><\/script>/);
  assert.ok(!/<script>/.test(page.html), 'inline script');
  assert.match(page.res.headers.get('content-security-policy'), /script-src 'self'/);
  assert.match(page.html, /Fortsett utlogging/);
  const action = page.html.match(/<form id="op.logoutForm" method="post" action="([^"]+)"/)[1];
  const xsrf = page.html.match(/name="xsrf" value="([^"]+)"/)[1];
  const done = await b.follow(action, b.form({ xsrf, logout: 'yes' }));
  assert.equal(done.location.origin + done.location.pathname, postLogout);
  assert.equal(done.location.searchParams.get('state'), state);
  const again = await b.follow(authRequest('innspill-dev').url);
  assert.equal(again.res.status, 200, 'login page expected after logout');
});

await step('logout without redirect URI (GET) ends on the Norwegian logged-out page', async () => {
  const b = browser();
  await login(b, 'innspill-dev', 'ola-nordmann', 'substantial');
  const page = await b.follow(discovery.end_session_endpoint);
  const action = page.html.match(/action="([^"]+)"/)[1];
  const xsrf = page.html.match(/name="xsrf" value="([^"]+)"/)[1];
  const done = await b.follow(action, b.form({ xsrf, logout: 'yes' }));
  assert.match(done.html, /Du er logget ut/);
});

await step('the server never printed a pid', () => {
  const printed = output.join('');
  assert.ok(!persons.some((p) => p.pid && printed.includes(p.pid)));
});

console.log(`\n${checks} passed, 0 failed`);
server.stdin.end();
