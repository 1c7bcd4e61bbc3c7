// The ID-porten stand-in's static clients (dev-only credentials, never used anywhere real) and
// its pairwise `sub`. Redirect URIs are registered without a port on loopback hosts with
// application_type 'native': oidc-provider then accepts any port (RFC 8252 section 7.3), so an
// Innspill on a random port works, while other hosts never match.
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';

export const CLIENT_SECRET = 'innspill-dev-secret-not-for-production';
export const CLIENT_KEY_ID = 'innspill-dev-key';
export const CLIENT_KEY_FILE = new URL('./dev-client-key.pem', import.meta.url);

// The public half of dev-client-key.pem (a dev-only RSA key committed on purpose).
const clientPublicJwk = {
  ...createPublicKey(createPrivateKey(readFileSync(CLIENT_KEY_FILE))).export({ format: 'jwk' }),
  kid: CLIENT_KEY_ID,
  alg: 'RS256',
  use: 'sig',
};

const loopbacks = ['127.0.0.1', 'localhost'];
const uris = (path) => loopbacks.map((host) => `http://${host}${path}`);

function client(clientId, extra) {
  return {
    client_id: clientId,
    client_name: `Innspill (lokal utvikling, ${clientId})`,
    application_type: 'native',
    grant_types: ['authorization_code'],
    response_types: ['code'],
    scope: 'openid profile',
    redirect_uris: uris('/auth/idporten/callback'),
    post_logout_redirect_uris: uris('/auth/idporten/logged-out'),
    // Only the path is used: the iframe goes to the origin the client's redirect_uri had.
    frontchannel_logout_uri: 'http://127.0.0.1/auth/idporten/frontchannel-logout',
    id_token_signed_response_alg: 'RS256',
    subject_type: 'pairwise',
    // Required by oidc-provider for pairwise clients with two redirect hosts; never fetched.
    sector_identifier_uri: `https://sector.invalid/${clientId}`,
    ...extra,
  };
}

export const clients = [
  // client_secret_basic; oidc-provider lets such a client use client_secret_post too.
  client('innspill-dev', {
    token_endpoint_auth_method: 'client_secret_basic',
    client_secret: CLIENT_SECRET,
  }),
  client('innspill-dev-jwt', {
    token_endpoint_auth_method: 'private_key_jwt',
    token_endpoint_auth_signing_alg: 'RS256',
    jwks: { keys: [clientPublicJwk] },
  }),
];

// Like ID-porten, `sub` differs per client for the same person: a stable hash of both.
export function pairwiseSub(personId, clientId) {
  return createHash('sha256')
    .update(`${clientId}\n${personId}\ninnspill-idporten-standin`)
    .digest('base64url');
}
