// Maskinporten stand-in: the token endpoint where a server-to-server client trades a JWT grant
// (RFC 7523) signed with its registered key for an access token to an API scope, optionally on
// behalf of an organisation that delegated the scope to it (`consumer_org`). The grant is judged
// the way Maskinporten documents it (docs.digdir.no, "Maskinporten: protokoll"), and every refusal
// names its reason, so a test can tell which check fired. Tokens are opaque: only this stand-in's
// Folkeregisteret and KRR look them up (tokenInfo); the JWKS is empty on purpose.
import { createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { compactVerify, decodeJwt, decodeProtectedHeader } from 'jose';

export const SCOPE_FREG = 'folkeregister:deling/offentligmedhjemmel';
export const SCOPE_KRR = 'krr:global/kontaktinformasjon.read';
const GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const ALGS = ['RS256', 'RS384', 'RS512'];
const MAX_GRANT_LIFETIME_S = 120; // Maskinporten refuses grants valid for longer
const LEEWAY_S = 10;
const JTI_MEMORY_MS = 5 * 60 * 1000; // longer than any grant can live, so a replay is always caught

// The built-in client: the public half of the dev-only key the ID-porten stand-in's JWT client
// uses too, so `make run` needs no registration step.
const DEV_KEY_FILE = new URL('../idporten/dev-client-key.pem', import.meta.url);
const DEV_CLIENT = {
  client_id: 'innspill-dev',
  jwk: { ...createPublicKey(createPrivateKey(readFileSync(DEV_KEY_FILE))).export({ format: 'jwk' }), kid: 'innspill-dev-key' },
  scopes: [SCOPE_FREG, SCOPE_KRR],
  delegations: ['999999999', '999999998'],
};

// The grant's `iss`, unverified; undefined when it is not a JWT with a string iss.
function issuerOf(assertion) {
  try {
    const { iss } = decodeJwt(assertion ?? '');
    return typeof iss === 'string' ? iss : undefined;
  } catch {
    return undefined;
  }
}

const oauthError = (status, error, description) => ({ status, body: { error, error_description: description } });
const invalidGrant = (description) => oauthError(400, 'invalid_grant', description);

export function createMaskinporten({ issuer, control }) {
  const clients = new Map(); // client_id -> { kid, key, scopes, delegations }
  const tokens = new Map(); // access token -> { client_id, scopes, consumer_org, expires (ms) }
  const seenJtis = new Map(); // `${client_id} ${jti}` -> forget after (ms)

  // Throws an Error whose message says what is wrong with the registration.
  function registerClient({ client_id: clientId, jwk, scopes, delegations = [] } = {}) {
    if (typeof clientId !== 'string' || !clientId) throw new Error('client_id is required');
    if (typeof jwk?.kid !== 'string' || !jwk.kid) throw new Error('jwk needs a kid');
    if (jwk.kty !== 'RSA' || 'd' in jwk) throw new Error('jwk must be a public RSA key');
    if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string')) throw new Error('scopes must be a list of strings');
    if (!Array.isArray(delegations) || !delegations.every((o) => /^\d{9}$/.test(o))) {
      throw new Error('delegations must be a list of organisation numbers (9 digits)');
    }
    let key;
    try {
      key = createPublicKey({ key: jwk, format: 'jwk' });
    } catch (err) {
      throw new Error(`jwk is not a usable RSA key: ${err.message}`);
    }
    clients.set(clientId, { kid: jwk.kid, key, scopes: [...scopes], delegations: [...delegations] });
  }
  registerClient(DEV_CLIENT);

  function forgetOld(map, isOld) {
    for (const [k, v] of map) if (isOld(v)) map.delete(k);
  }

  // The checks, in the order Maskinporten's own error messages suggest: who is asking, is it
  // really them, is the grant fresh and unused, and may they have what they ask for.
  async function token(assertion) {
    if (!assertion) return invalidGrant('assertion is missing');
    let header;
    let claims;
    try {
      header = decodeProtectedHeader(assertion);
      claims = decodeJwt(assertion);
    } catch {
      return invalidGrant('assertion is not a signed JWT');
    }
    if (header.x5c) return invalidGrant('x5c is not supported by the stand-in; register a key (kid)');
    if (!ALGS.includes(header.alg)) return invalidGrant(`alg must be one of ${ALGS.join(', ')}`);
    const client = typeof claims.iss === 'string' ? clients.get(claims.iss) : undefined;
    if (!client) return oauthError(401, 'invalid_client', `unknown client (iss): ${claims.iss ?? 'missing'}`);
    if (header.kid !== client.kid) return invalidGrant(`kid ${header.kid ?? '(missing)'} is not registered for ${claims.iss}`);
    try {
      await compactVerify(assertion, client.key, { algorithms: [header.alg] });
    } catch {
      return invalidGrant("signature does not verify with the client's registered key");
    }

    if (claims.aud !== issuer) return invalidGrant(`aud must be ${issuer}`);
    const { iat, exp } = claims;
    if (!Number.isFinite(iat) || !Number.isFinite(exp)) return invalidGrant('iat and exp are required');
    if (exp <= iat) return invalidGrant('exp must be after iat');
    if (exp - iat > MAX_GRANT_LIFETIME_S) return invalidGrant(`exp - iat must be at most ${MAX_GRANT_LIFETIME_S} seconds`);
    const now = control.now();
    if (iat > now / 1000 + LEEWAY_S) return invalidGrant('iat is in the future');
    if (exp < now / 1000 - LEEWAY_S) return invalidGrant('assertion has expired (exp is in the past)');
    if (typeof claims.jti !== 'string' || !claims.jti) return invalidGrant('jti is required');
    const jtiKey = `${claims.iss} ${claims.jti}`;
    forgetOld(seenJtis, (until) => until <= now);
    if (seenJtis.has(jtiKey)) return invalidGrant('jti already used');

    const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
    if (scopes.length === 0) return oauthError(400, 'invalid_scope', 'scope is required');
    const denied = scopes.find((s) => !client.scopes.includes(s));
    if (denied) return oauthError(400, 'invalid_scope', `scope not allowed: ${denied}`);
    const org = claims.consumer_org;
    if (org !== undefined) {
      if (typeof org !== 'string' || !/^\d{9}$/.test(org)) return invalidGrant('consumer_org must be an organisation number (9 digits)');
      if (!client.delegations.includes(org)) return invalidGrant(`consumer_org ${org} has not delegated the scope to this client`);
    }

    // A jti is spent only by a grant that was accepted: a request refused for another reason,
    // or turned away by a test failure mode before these checks, may be retried as it is.
    seenJtis.set(jtiKey, now + JTI_MEMORY_MS);
    const ttl = control.ttl();
    const accessToken = randomBytes(32).toString('base64url');
    if (tokens.size > 10_000) forgetOld(tokens, (t) => t.expires <= now);
    tokens.set(accessToken, { client_id: claims.iss, scopes, consumer_org: org, expires: now + ttl * 1000 });
    return {
      status: 200,
      headers: { 'cache-control': 'no-store' },
      body: { access_token: accessToken, token_type: 'Bearer', expires_in: ttl, scope: scopes.join(' ') },
    };
  }

  // What an `Authorization: Bearer …` header stands for, or undefined for none/unknown. An
  // expired token is still returned (expired: true): the request can then be counted and
  // failed for its client, as a real API also knows whose expired token it got.
  function tokenInfo(authorization) {
    const m = /^Bearer +(\S+)$/i.exec(authorization ?? '');
    const info = m && tokens.get(m[1]);
    return info ? { ...info, expired: info.expires <= control.now() } : undefined;
  }

  const documents = {
    '/.well-known/oauth-authorization-server': {
      issuer,
      token_endpoint: `${issuer}token`,
      jwks_uri: `${issuer}jwk`,
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      grant_types_supported: [GRANT_TYPE],
      token_endpoint_auth_signing_alg_values_supported: ALGS,
    },
    '/jwk': { keys: [] },
  };

  async function handle(req, url, body) {
    const document = documents[url.pathname];
    if (document) return req.method === 'GET' ? { status: 200, body: document } : { status: 405, body: { error: 'method_not_allowed' } };
    if (url.pathname !== '/token') return undefined;
    if (req.method !== 'POST') return { status: 405, body: { error: 'method_not_allowed' } };
    if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) {
      return oauthError(400, 'invalid_request', 'the body must be application/x-www-form-urlencoded');
    }
    const form = new URLSearchParams(body);
    const assertion = form.get('assertion');
    // The test failure modes are per client; the client is named only by the grant's iss.
    const iss = issuerOf(assertion);
    if (iss) {
      const failure = await control.intercept(iss, 'maskinporten');
      if (failure) return failure;
    }
    if (form.get('grant_type') !== GRANT_TYPE) {
      return oauthError(400, 'unsupported_grant_type', `grant_type must be ${GRANT_TYPE}`);
    }
    return token(assertion);
  }

  return { handle, registerClient, tokenInfo };
}
