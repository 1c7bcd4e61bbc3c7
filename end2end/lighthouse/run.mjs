// Lighthouse (its default: a mobile device with simulated slow 4G) on each path under `base`,
// in Debian's chromium. Prints a Markdown table, and on stderr the audits that cost points.
//   node run.mjs http://127.0.0.1:3000 / /org/x/horinger/1 …
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const [base, ...paths] = process.argv.slice(2);
const categories = ['performance', 'accessibility', 'best-practices', 'seo'];
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox'],
});
const rows = [];
try {
  for (const path of paths) {
    const { lhr } = await lighthouse(`${base}${path}`, {
      port: chrome.port,
      onlyCategories: categories,
      logLevel: 'error',
    });
    const score = (c) => Math.round(lhr.categories[c].score * 100);
    const audit = (a) => lhr.audits[a]?.displayValue ?? '–';
    rows.push(
      `| \`${path}\` | ${categories.map(score).join(' | ')} | ${audit('first-contentful-paint')} | ` +
        `${audit('largest-contentful-paint')} | ${audit('total-blocking-time')} | ${audit('total-byte-weight')} |`,
    );
    for (const c of categories) {
      for (const ref of lhr.categories[c].auditRefs) {
        const a = lhr.audits[ref.id];
        if (ref.weight > 0 && a.score !== null && a.score < 1) {
          console.error(`${path} ${c}: ${a.id} (${a.score}) ${a.displayValue ?? ''} — ${a.title}`);
        }
      }
    }
  }
} finally {
  await chrome.kill();
}
console.log('| page | performance | accessibility | best practices | SEO | FCP | LCP | TBT | bytes |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
