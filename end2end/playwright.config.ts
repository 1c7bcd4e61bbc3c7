// Every journey runs twice: with JavaScript (hydrated) and without (server-rendered forms).
// Innspill runs beside the local ID-porten stand-in (end2end/idporten) and checks residency in
// the registers stand-in (end2end/registers) through its real Folkeregisteret adapter.
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3100);
const idportenPort = Number(process.env.E2E_IDPORTEN_PORT ?? 4100);
const registersPort = Number(process.env.E2E_REGISTERS_PORT ?? 4101);
export const baseURL = `http://127.0.0.1:${port}`;
export const idportenURL = `http://127.0.0.1:${idportenPort}`;
export const registersURL = `http://127.0.0.1:${registersPort}`;
export const stateDir = `${__dirname}/.state`;
const bin = process.env.INNSPILL_BIN ?? `${process.env.HOME}/.cache/innspill/target/debug/innspill`;

const launchOptions = {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: { baseURL, launchOptions, locale: 'nb-NO' },
  projects: [
    { name: 'js', use: { javaScriptEnabled: true } },
    { name: 'no-js', use: { javaScriptEnabled: false } },
  ],
  webServer: [
    {
      command: `exec node "${__dirname}/idporten/server.mjs"`,
      url: `${idportenURL}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: { IDPORTEN_STANDIN_PORT: String(idportenPort) },
    },
    {
      command: `exec node "${__dirname}/registers/server.mjs"`,
      url: `${registersURL}/.well-known/oauth-authorization-server`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: { REGISTERS_STANDIN_PORT: String(registersPort) },
    },
    {
      command: `rm -rf "${stateDir}" && mkdir -p "${stateDir}/mail" && exec "${bin}"`,
      url: `${baseURL}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      env: {
        INNSPILL_ENV: 'development',
        LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
        LEPTOS_SITE_ROOT: process.env.E2E_SITE_ROOT ?? `${__dirname}/../target/site`,
        DATABASE_URL: `sqlite://${stateDir}/e2e.db?mode=rwc`,
        INNSPILL_MAIL_BACKEND: 'files',
        INNSPILL_MAIL_DIR: `${stateDir}/mail`,
        INNSPILL_FILE_DIR: `${stateDir}/files`,
        INNSPILL_BASE_URL: baseURL,
        INNSPILL_DEMO_SEED: 'true',
        IDPORTEN_ISSUER: idportenURL,
        IDPORTEN_CLIENT_ID: 'innspill-dev',
        IDPORTEN_CLIENT_SECRET: 'innspill-dev-secret-not-for-production',
        INNSPILL_RESIDENCY_REGISTER: 'folkeregisteret',
        INNSPILL_FOLKEREGISTERET_URL: registersURL,
        INNSPILL_CONTACT_REGISTER: 'krr',
        INNSPILL_KRR_URL: registersURL,
        INNSPILL_MASKINPORTEN_ISSUER: `${registersURL}/`,
        INNSPILL_MASKINPORTEN_CLIENT_ID: 'innspill-dev',
        INNSPILL_MASKINPORTEN_KEY_FILE: `${__dirname}/idporten/dev-client-key.pem`,
        INNSPILL_MASKINPORTEN_KEY_ID: 'innspill-dev-key',
        RUST_LOG: 'warn',
      },
    },
  ],
});
