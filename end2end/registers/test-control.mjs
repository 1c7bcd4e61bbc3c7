// TEST TOOL: lets a test make the register stand-ins slow, busy or broken, count what they got,
// skew their clock and register Maskinporten clients. Loopback only, dev only; nothing like it
// exists in the real services. Failure modes and counts are per Maskinporten client_id, so tests
// running in parallel with clients of their own do not disturb each other; the clock and the
// token TTL are global.
//
//   POST /__test/clients {"client_id", "jwk" (public RSA JWK with kid), "scopes": [...],
//                         "delegations": ["orgnr", ...]}                                  -> 204
//     Registers a Maskinporten client (replacing one with the same id).
//   POST /__test/fail    {"client_id", "service": "maskinporten"|"folkeregisteret"|"krr",
//                         "mode": "slow"|"429"|"500"|"503", "times": N (default: until reset),
//                         "delay_ms": 5000 (slow), "retry_after": 2 (429, seconds),
//                         "pid": only Folkeregisteret lookups of this person (optional)}  -> 204
//     That client's next N requests to that service fail so (replacing an earlier mode for the
//     same client and service). "slow" waits, then answers as usual. The client is the one the
//     bearer token was issued to, or for Maskinporten the grant's `iss` (read unverified).
//   GET  /__test/stats?client_id=…  -> {"token": n, "folkeregisteret": n, "krr": n}
//     Requests received from that client, failed ones included (requests without a known
//     token or without a readable `iss` belong to no client and are not counted).
//   POST /__test/reset   {"client_id"} -> 204: forgets that client's failure modes and counts.
//                        no body       -> 204: forgets all of them, clock offset 0, TTL 120 s.
//   POST /__test/clock   {"offset_seconds": N} -> 204: the stand-in's clock runs N s ahead (for
//     grant iat/exp, token expiry, KRR timestamps and the Date header).
//   POST /__test/ttl     {"seconds": N} -> 204: lifetime of tokens issued from now on.
const SERVICES = ['maskinporten', 'folkeregisteret', 'krr'];
const STAT_NAMES = { maskinporten: 'token', folkeregisteret: 'folkeregisteret', krr: 'krr' };
const MODES = ['slow', '429', '500', '503'];
const DEFAULT_TTL_S = 120;

// Each service's own error body shape, so a client parses a simulated failure like a real one.
const FAILURE_BODIES = {
  folkeregisteret: (status, text) => ({ kode: `FREG-${status}`, melding: text }),
  krr: (status, text) => ({ error: text }),
  maskinporten: (status, text) => ({
    error: { 429: 'too_many_requests', 500: 'server_error', 503: 'temporarily_unavailable' }[status],
    error_description: text,
  }),
};
const FAILURE_TEXTS = {
  429: 'For mange forespørsler',
  500: 'Intern feil (simulert av stand-in)',
  503: 'Tjenesten er midlertidig utilgjengelig (simulert av stand-in)',
};

const badRequest = (message) => ({ status: 400, body: { error: message } });
const isCount = (n) => Number.isInteger(n) && n >= 0;

export function createControl() {
  let offsetMs = 0;
  let ttl = DEFAULT_TTL_S;
  const failures = new Map(); // client_id -> Map(service -> { mode, times, delayMs, retryAfter })
  const stats = new Map(); // client_id -> { token, folkeregisteret, krr }

  const statsOf = (clientId) => {
    if (!stats.has(clientId)) stats.set(clientId, { token: 0, folkeregisteret: 0, krr: 0 });
    return stats.get(clientId);
  };

  // Counts a request and applies the client's failure mode for the service: a reply to send
  // instead of the real answer, or undefined to go on (after the delay, when slow).
  async function intercept(clientId, service, pid) {
    statsOf(clientId)[STAT_NAMES[service]]++;
    const modes = failures.get(clientId);
    const failure = modes?.get(service);
    if (!failure || (failure.pid !== undefined && failure.pid !== pid)) return undefined;
    if (--failure.times <= 0) modes.delete(service);
    if (failure.mode === 'slow') {
      await new Promise((resolve) => { setTimeout(resolve, failure.delayMs); });
      return undefined;
    }
    const status = Number(failure.mode);
    return {
      status,
      headers: status === 429 ? { 'retry-after': String(failure.retryAfter) } : {},
      body: FAILURE_BODIES[service](status, FAILURE_TEXTS[status]),
    };
  }

  function fail(b) {
    if (typeof b.client_id !== 'string' || !b.client_id) return badRequest('client_id is required');
    if (!SERVICES.includes(b.service)) return badRequest(`service must be one of ${SERVICES.join(', ')}`);
    const mode = String(b.mode);
    if (!MODES.includes(mode)) return badRequest(`mode must be one of ${MODES.join(', ')}`);
    if (b.times !== undefined && !(isCount(b.times) && b.times > 0)) return badRequest('times must be a positive integer');
    if (b.delay_ms !== undefined && !isCount(b.delay_ms)) return badRequest('delay_ms must be a whole number');
    if (b.retry_after !== undefined && !isCount(b.retry_after)) return badRequest('retry_after must be a whole number');
    if (!failures.has(b.client_id)) failures.set(b.client_id, new Map());
    failures.get(b.client_id).set(b.service, {
      mode,
      times: b.times ?? Infinity,
      delayMs: b.delay_ms ?? 5000,
      retryAfter: b.retry_after ?? 2,
      pid: typeof b.pid === 'string' ? b.pid : undefined,
    });
    return { status: 204 };
  }

  function reset(b) {
    if (typeof b.client_id === 'string') {
      failures.delete(b.client_id);
      stats.delete(b.client_id);
    } else {
      failures.clear();
      stats.clear();
      offsetMs = 0;
      ttl = DEFAULT_TTL_S;
    }
    return { status: 204 };
  }

  // The /__test/* routes; `registerClient` is Maskinporten's (it throws on a bad registration).
  function handler({ registerClient }) {
    return async function testControl(req, url, body) {
      if (!url.pathname.startsWith('/__test/')) return undefined;
      const route = `${req.method} ${url.pathname}`;
      if (route === 'GET /__test/stats') {
        const clientId = url.searchParams.get('client_id');
        return clientId ? { status: 200, body: { ...statsOf(clientId) } } : badRequest('client_id is required');
      }
      let b;
      try {
        b = body ? JSON.parse(body) : {};
      } catch {
        return badRequest('the body must be JSON');
      }
      if (typeof b !== 'object' || b === null) return badRequest('the body must be a JSON object');
      switch (route) {
        case 'POST /__test/fail': return fail(b);
        case 'POST /__test/reset': return reset(b);
        case 'POST /__test/clock':
          if (!Number.isFinite(b.offset_seconds)) return badRequest('offset_seconds must be a number');
          offsetMs = b.offset_seconds * 1000;
          return { status: 204 };
        case 'POST /__test/ttl':
          if (!(isCount(b.seconds) && b.seconds > 0)) return badRequest('seconds must be a positive integer');
          ttl = b.seconds;
          return { status: 204 };
        case 'POST /__test/clients':
          try {
            registerClient(b);
          } catch (err) {
            return badRequest(err.message);
          }
          return { status: 204 };
        default: return { status: 404, body: { error: `no test-control route ${route}` } };
      }
    };
  }

  return { now: () => Date.now() + offsetMs, ttl: () => ttl, intercept, handler };
}
