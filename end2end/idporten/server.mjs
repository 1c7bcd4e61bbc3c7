// Local stand-in for ID-porten (Norway's national eID OpenID provider), for `make run` and the
// test suites: oidc-provider (panva, certified OP) set up like ID-porten, with a TestID-like login
// page listing the synthetic persons of persons.json. Dev/test only: no real identities, fixed
// dev credentials (clients.mjs), and a test-control API (test-control.mjs).
//
//   node end2end/idporten/server.mjs
//   IDPORTEN_STANDIN_PORT=4000           port on 127.0.0.1; the issuer is http://127.0.0.1:<port>
//   IDPORTEN_STANDIN_EXIT_WITH_STDIN=1   exit when stdin closes (for test harnesses)
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Provider, { interactionPolicy } from 'oidc-provider';
import { clients, pairwiseSub } from './clients.mjs';
import { findPerson, personClaims, persons, pickLocale } from './persons.mjs';
import { makeSigningJwk, testControl } from './test-control.mjs';
import { LEVELS, errorPage, loggedOutPage, loginPage, logoutPage } from './views.mjs';

const port = Number(process.env.IDPORTEN_STANDIN_PORT ?? 4000);
const issuer = `http://127.0.0.1:${port}`;
const signingJwk = await makeSigningJwk(`standin-${randomUUID().slice(0, 8)}`);
const ACRS = Object.values(LEVELS).map((l) => l.acr);

// Per authorization code / grant: the locale asked for; per sid: the client's origin (the port
// Innspill runs on), for front-channel logout. Filled when a code is saved.
const localeByCode = new Map();
const localeByGrant = new Map();
const originBySid = new Map();
function remember(map, key, value) {
  if (map.size > 5000) map.delete(map.keys().next().value);
  map.set(key, value);
}

// Login is needed again when a request asks for a higher level than the session has.
const policy = interactionPolicy.base();
policy.get('consent').checks.remove('native_client_prompt'); // no consent screen, like ID-porten
policy.get('login').checks.push(new interactionPolicy.Check('acr_too_low', 'higher level of assurance requested', (ctx) => {
  const { oidc } = ctx;
  if (!oidc.session.accountId || oidc.result?.login || !oidc.params.acr_values) return false;
  const wanted = oidc.params.acr_values.split(' ').map((acr) => ACRS.indexOf(acr)).filter((i) => i >= 0);
  return wanted.length > 0 && ACRS.indexOf(oidc.session.acr) < Math.min(...wanted);
}));

const provider = new Provider(issuer, {
  clients,
  jwks: { keys: [signingJwk] },
  scopes: ['openid', 'profile'],
  responseTypes: ['code'],
  clientAuthMethods: ['client_secret_basic', 'client_secret_post', 'private_key_jwt'],
  enabledJWA: { clientAuthSigningAlgValues: ['RS256', 'PS256', 'ES256'], idTokenSigningAlgValues: ['RS256'] },
  subjectTypes: ['pairwise'],
  pairwiseIdentifier: (ctx, accountId, client) => pairwiseSub(accountId, client.clientId),
  sectorIdentifierUriValidate: () => false,
  acrValues: ACRS,
  claims: {
    acr: null, amr: null, auth_time: null, iss: null, sid: null,
    openid: ['sub', 'pid', 'locale', 'acr', 'amr', 'auth_time'],
    profile: ['name', 'given_name', 'family_name'],
  },
  conformIdTokenClaims: false, // scope claims go in the ID token too, as in ID-porten
  extraClientMetadata: { properties: ['frontchannel_logout_uri'] },
  pkce: { required: () => true },
  clientBasedCORS: () => false,
  cookies: {
    keys: ['idporten-standin-dev-cookie-key'],
    // Port in the names: cookies ignore ports, and two stand-ins may run side by side.
    names: { session: `idp${port}_session`, interaction: `idp${port}_interaction`, resume: `idp${port}_resume` },
  },
  discovery: {
    ui_locales_supported: ['nb', 'nn', 'en', 'se'],
    frontchannel_logout_supported: true,
    frontchannel_logout_session_supported: true,
  },
  features: {
    devInteractions: { enabled: false },
    // Open dynamic registration (RFC 7591): each test registers a client of its own, with its
    // own redirect URI and tamper state. A test tool only; ID-porten registers clients by hand.
    registration: { enabled: true },
    dPoP: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      logoutSource: async (ctx, form) => {
        ctx.body = logoutPage({ form, iframes: await frontchannelIframes(ctx) });
      },
      postLogoutSuccessSource: async (ctx) => { ctx.body = loggedOutPage(); },
    },
  },
  ttl: { AccessToken: 3600, AuthorizationCode: 60, IdToken: 3600, Interaction: 3600, Session: 8 * 3600, Grant: 8 * 3600 },
  clientDefaults: {
    grant_types: ['authorization_code'],
    response_types: ['code'],
    id_token_signed_response_alg: 'RS256',
    subject_type: 'pairwise',
    token_endpoint_auth_method: 'client_secret_basic',
  },
  async findAccount(ctx, id) {
    const person = findPerson(id);
    if (!person) return undefined;
    const { AuthorizationCode: code, AccessToken: at } = ctx.oidc.entities;
    const locale = localeByCode.get(code?.jti) ?? localeByGrant.get(at?.grantId ?? code?.grantId) ?? 'nb';
    return { accountId: id, claims: () => personClaims(person, { sub: id, locale }) };
  },
  // Grants openid/profile at once: no consent screen.
  async loadExistingGrant(ctx) {
    const { client, session, provider: op } = ctx.oidc;
    const grantId = ctx.oidc.result?.consent?.grantId || session.grantIdFor(client.clientId);
    let grant = grantId && await op.Grant.find(grantId);
    if (!grant || grant.accountId !== session.accountId) {
      grant = new op.Grant({ clientId: client.clientId, accountId: session.accountId });
    }
    grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(' '));
    await grant.save();
    return grant;
  },
  interactions: { policy, url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  renderError: async (ctx, out) => { ctx.type = 'html'; ctx.body = errorPage(out); },
});

// Like ID-porten, every ID token carries `sid` (oidc-provider adds it only for back-channel
// logout clients otherwise).
provider.Client.prototype.includeSid = () => true;

provider.on('authorization_code.saved', (code) => {
  const params = Provider.ctx?.oidc?.params;
  if (params) {
    const locale = pickLocale(params.ui_locales);
    remember(localeByCode, code.jti, locale);
    remember(localeByGrant, code.grantId, locale);
  }
  remember(originBySid, code.sid, new URL(code.redirectUri).origin);
});
provider.on('server_error', (ctx, err) => console.error('ID-porten stand-in: server_error', err.message));

// Front-channel logout: iframes for the session's other clients that registered a URI.
async function frontchannelIframes(ctx) {
  const { session, client: initiator } = ctx.oidc;
  const frames = [];
  for (const [clientId, { sid }] of Object.entries(session.authorizations ?? {})) {
    if (clientId === initiator?.clientId || !sid || !originBySid.has(sid)) continue;
    const uri = (await provider.Client.find(clientId))?.frontchannel_logout_uri;
    if (!uri) continue;
    const target = new URL(new URL(uri).pathname, originBySid.get(sid));
    target.searchParams.set('iss', issuer);
    target.searchParams.set('sid', sid);
    frames.push(target.href);
  }
  return frames;
}

async function readBody(ctx, limit = 100_000) {
  let body = '';
  for await (const chunk of ctx.req) {
    body += chunk;
    if (body.length > limit) ctx.throw(413);
  }
  return body;
}
const readJson = async (ctx) => JSON.parse((await readBody(ctx)) || '{}');
const readForm = async (ctx) => Object.fromEntries(new URLSearchParams(await readBody(ctx)));

const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
  + "frame-src http://127.0.0.1:* http://localhost:*; base-uri 'none'; frame-ancestors 'none'";
const statics = {
  '/static/style.css': ['text/css; charset=utf-8', readFileSync(new URL('./static/style.css', import.meta.url))],
  '/static/logout.js': ['text/javascript; charset=utf-8', readFileSync(new URL('./static/logout.js', import.meta.url))],
};

provider.use(async (ctx, next) => {
  ctx.set('Content-Security-Policy', CSP); // before next(): oidc-provider adds hashes to it
  ctx.set('X-Content-Type-Options', 'nosniff');
  // ID-porten takes POST at end_session too; oidc-provider only with SameSite=None cookies
  // (https). Same parameters, so hand the form on as a GET.
  if (ctx.path === '/session/end' && ctx.method === 'POST') {
    const query = await readBody(ctx);
    ctx.method = 'GET';
    ctx.url = `/session/end?${query}`;
  }
  const file = statics[ctx.path];
  if (file && ctx.method === 'GET') {
    [ctx.type, ctx.body] = file;
    return;
  }
  const m = ctx.path.match(/^\/interaction\/([\w-]+)(?:\/(login|abort))?$/);
  if (!m) {
    await next();
    return;
  }
  try {
    await interaction(ctx, ...m.slice(1));
  } catch (err) {
    ctx.status = err.statusCode ?? err.status ?? 500;
    ctx.type = 'html';
    ctx.body = errorPage({ error: err.error ?? 'server_error', error_description: err.error_description ?? err.message });
  }
});
provider.use(testControl(signingJwk, readJson));

// The login page ("interaction"): GET shows it, POST .../login logs in, POST .../abort cancels.
async function interaction(ctx, uid, action) {
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  if (details.uid !== uid) ctx.throw(400, 'interaction mismatch');
  const finish = async (result) => {
    ctx.status = 303;
    ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false }));
  };
  const client = await provider.Client.find(details.params.client_id);
  const requested = String(details.params.acr_values ?? '').split(' ');
  const page = (extra) => loginPage({
    uid, persons, clientName: client?.clientName ?? details.params.client_id,
    level: requested.includes(LEVELS.substantial.acr) || !requested.includes(LEVELS.high.acr) ? 'substantial' : 'high',
    ...extra,
  });

  if (!action && ctx.method === 'GET') {
    if (details.prompt.name === 'consent') {
      const grant = new provider.Grant({ clientId: client.clientId, accountId: details.session.accountId });
      grant.addOIDCScope(details.params.scope);
      await finish({ consent: { grantId: await grant.save() } });
      return;
    }
    ctx.type = 'html';
    ctx.body = page();
  } else if (action === 'login' && ctx.method === 'POST') {
    const form = await readForm(ctx);
    const person = findPerson(form.person);
    const level = LEVELS[form.level] ? form.level : 'substantial';
    if (!person) {
      ctx.status = 400;
      ctx.type = 'html';
      ctx.body = page({ level, error: 'Velg en testperson.' });
      return;
    }
    await finish({ login: { accountId: person.id, acr: LEVELS[level].acr, amr: ['TestID'], remember: false } });
  } else if (action === 'abort' && ctx.method === 'POST') {
    await finish({ error: 'access_denied', error_description: 'Brukeren avbrøt innloggingen' });
  } else {
    ctx.throw(405);
  }
}

provider.listen(port, '127.0.0.1', () => console.log(`ID-porten stand-in: ${issuer}`));

if (process.env.IDPORTEN_STANDIN_EXIT_WITH_STDIN === '1') {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('close', () => process.exit(0));
  process.stdin.resume();
}
