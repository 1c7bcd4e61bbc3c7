// TEST TOOL: lets a test make the ID-porten stand-in misbehave, to prove the relying party
// rejects bad ID tokens. Loopback only, dev only; nothing like it exists in the real ID-porten.
//
//   POST /__test/tamper  {"client_id": "innspill-dev", "claims": {"aud": "someone-else"},
//                         "new_signing_key": false}                                     -> 204
//     Arms a one-shot change of the NEXT ID token the token endpoint issues to that client:
//     the listed claims are overwritten (a null value removes the claim) and the token is
//     re-signed (RS256) with the provider's own key and kid. With "new_signing_key": true it is
//     signed with a freshly made RSA key under a new kid instead, and that key's public half is
//     from then on also served in the JWKS (the old keys stay), so the client has to refresh its
//     JWKS on an unknown kid. Arming again for the same client replaces the earlier change.
//   POST /__test/reset  -> 204: forgets armed changes (keys already added stay in the JWKS).
import { generateKeyPair, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { CompactSign, decodeJwt, decodeProtectedHeader, importJWK } from 'jose';

const armed = new Map(); // client_id -> { claims, newSigningKey }
const extraPublicJwks = [];

// An RSA signing key as a private JWK with kid, alg and use.
export async function makeSigningJwk(kid) {
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
}

export function publicJwk({ kty, n, e, kid, alg, use }) {
  return { kty, n, e, kid, alg, use };
}

async function sign(payload, header, jwk) {
  const key = await importJWK(jwk, 'RS256');
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ ...header, alg: 'RS256', kid: jwk.kid })
    .sign(key);
}

// Koa middleware; `signingJwk` is the provider's private signing JWK.
export function testControl(signingJwk, readJson) {
  return async function testControlMiddleware(ctx, next) {
    if (ctx.path === '/__test/tamper' && ctx.method === 'POST') {
      const body = await readJson(ctx);
      if (typeof body?.client_id !== 'string') ctx.throw(400, 'client_id is required');
      armed.set(body.client_id, { claims: body.claims ?? {}, newSigningKey: body.new_signing_key === true });
      ctx.status = 204;
      return;
    }
    if (ctx.path === '/__test/reset' && ctx.method === 'POST') {
      armed.clear();
      ctx.status = 204;
      return;
    }

    await next();

    if (ctx.path === '/jwks' && ctx.status === 200 && Array.isArray(ctx.body?.keys)) {
      ctx.body = { keys: [...ctx.body.keys, ...extraPublicJwks] };
    }
    if (ctx.path === '/token' && ctx.status === 200 && typeof ctx.body?.id_token === 'string') {
      const { aud } = decodeJwt(ctx.body.id_token);
      const change = armed.get(aud);
      if (!change) return;
      armed.delete(aud);
      const payload = { ...decodeJwt(ctx.body.id_token) };
      for (const [claim, value] of Object.entries(change.claims)) {
        if (value === null) delete payload[claim];
        else payload[claim] = value;
      }
      let jwk = signingJwk;
      if (change.newSigningKey) {
        jwk = await makeSigningJwk(`tamper-${randomUUID()}`);
        extraPublicJwks.push(publicJwk(jwk));
      }
      const header = decodeProtectedHeader(ctx.body.id_token);
      ctx.body = { ...ctx.body, id_token: await sign(payload, header, jwk) };
    }
  };
}
