// Local stand-in for the national services Innspill calls server to server, for `make run` and
// the test suites: Maskinporten (tokens), Skatteetaten's Folkeregisteret "offentlig med hjemmel"
// (person lookup), Digdir's KRR (contact and reservation register) and SSB's classification API
// (KLASS, for `make ssb-classification`), one per module. Dev/test
// only: the persons are the synthetic ones of ../idporten/persons.json, the built-in client's key
// is the committed dev key, and there is a test-control API (test-control.mjs). Plain node:http,
// so it starts in well under a second.
//
//   node end2end/registers/server.mjs
//   REGISTERS_STANDIN_PORT=4001            port on 127.0.0.1 (0: any free port, printed);
//                                          the Maskinporten issuer is http://127.0.0.1:<port>/
//   REGISTERS_STANDIN_EXIT_WITH_STDIN=1    exit when stdin closes (for test harnesses)
//
// Prints one line, "Registers stand-in: http://127.0.0.1:<port>", once it listens (harnesses
// wait for it), and nothing about persons, ever.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createFolkeregisteret } from './folkeregisteret.mjs';
import { createKlass } from './klass.mjs';
import { createKrr } from './krr.mjs';
import { createMaskinporten } from './maskinporten.mjs';
import { createControl } from './test-control.mjs';

const MAX_BODY_BYTES = 1_000_000; // a full KRR request (1000 ids) is about 20 kB

const persons = JSON.parse(readFileSync(new URL('../idporten/persons.json', import.meta.url), 'utf8'));
const control = createControl();
let handlers = [];

// A handler takes (req, url, body) and returns a reply { status, body?, headers? }, or undefined
// when the path is not its. Replies are built as values so the Date header (which the clock
// offset shifts) and the JSON encoding are done in one place.
const server = createServer(async (req, res) => {
  let reply;
  try {
    const url = new URL(req.url, 'http://127.0.0.1');
    const body = await readBody(req);
    for (const handle of handlers) {
      reply = await handle(req, url, body);
      if (reply) break;
    }
    reply ??= { status: 404, body: { error: `no such endpoint: ${req.method} ${url.pathname}` } };
  } catch (err) {
    if (err.reply) {
      reply = err.reply;
    } else {
      console.error('Registers stand-in: internal error:', err.message);
      reply = { status: 500, body: { error: 'internal error in the stand-in' } };
    }
  }
  if (res.destroyed) return; // the client gave up (a "slow" failure mode outlasted its timeout)
  const json = reply.body === undefined ? undefined : JSON.stringify(reply.body);
  const headers = { date: new Date(control.now()).toUTCString(), ...reply.headers };
  if (json !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = Buffer.byteLength(json);
  }
  res.writeHead(reply.status, headers);
  res.end(json);
});

async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw Object.assign(new Error('too large'), { reply: { status: 413, body: { error: 'body too large' } } });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

server.on('clientError', (err, socket) => socket.destroy());
const port = Number(process.env.REGISTERS_STANDIN_PORT ?? 4001);
await new Promise((resolve) => {
  server.once('error', (err) => {
    console.error(`Registers stand-in: cannot listen on 127.0.0.1:${port}: ${err.code ?? err.message}`);
    process.exit(1);
  });
  server.listen(port, '127.0.0.1', resolve);
});

// The handlers are made once the port is known (REGISTERS_STANDIN_PORT=0), since the issuer
// contains it; no request is served before this synchronous set-up finishes.
const origin = `http://127.0.0.1:${server.address().port}`;
const maskinporten = createMaskinporten({ issuer: `${origin}/`, control });
handlers = [
  control.handler({ registerClient: maskinporten.registerClient }),
  maskinporten.handle,
  createFolkeregisteret({ persons, maskinporten, control }).handle,
  createKrr({ persons, maskinporten, control }).handle,
  createKlass().handle,
];
console.log(`Registers stand-in: ${origin}`);

if (process.env.REGISTERS_STANDIN_EXIT_WITH_STDIN === '1') {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('close', () => process.exit(0));
  process.stdin.resume();
}
