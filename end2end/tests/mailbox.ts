// Reads the development file mailbox (INNSPILL_MAIL_DIR): the text part of each .eml message,
// decoded from its transfer encoding.
import * as fs from 'fs';
import * as path from 'path';

function decode(body: string, encoding: string): string {
  const enc = encoding.toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') {
    const joined = body.replace(/=\r?\n/g, '');
    const bytes: number[] = [];
    for (let i = 0; i < joined.length; i++) {
      if (joined[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(joined.slice(i + 1, i + 3))) {
        bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
        i += 2;
      } else {
        bytes.push(...Buffer.from(joined[i], 'utf8'));
      }
    }
    return Buffer.from(bytes).toString('utf8');
  }
  return body;
}

/** The recipient and the decoded text/plain part of an .eml file. */
export function readMail(file: string): { to: string; text: string } {
  const raw = fs.readFileSync(file, 'utf8');
  const to = raw.match(/^To: (.*)$/m)?.[1]?.trim() ?? '';
  const parts = raw.split(/\r?\n--[^\r\n]+\r?\n/);
  for (const part of parts) {
    const [head, ...rest] = part.split(/\r?\n\r?\n/);
    if (/Content-Type: text\/plain/i.test(head)) {
      const enc = head.match(/Content-Transfer-Encoding: (\S+)/i)?.[1] ?? '7bit';
      return { to, text: decode(rest.join('\n\n'), enc) };
    }
  }
  return { to, text: raw };
}

export function mailFiles(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.eml')).map((f) => path.join(dir, f)) : [];
}
