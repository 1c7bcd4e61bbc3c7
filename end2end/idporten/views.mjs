// HTML pages of the ID-porten stand-in, in bokmål: the TestID-like login page, the logout page,
// the "logged out" page and the error page. No inline script or style (strict CSP); the CSS and
// the logout page's script are files under static/.
import { personLabel } from './persons.mjs';

export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function layout(title, main, { scripts = '' } = {}) {
  return `<!DOCTYPE html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="stylesheet" href="/static/style.css">
${scripts}
</head>
<body>
<header class="banner"><p>ID-porten – lokal testutgave for utvikling. Bare syntetiske testpersoner.</p></header>
<main>
${main}
</main>
</body>
</html>`;
}

export const LEVELS = {
  substantial: { acr: 'idporten-loa-substantial', label: 'Betydelig (idporten-loa-substantial)' },
  high: { acr: 'idporten-loa-high', label: 'Høy (idporten-loa-high)' },
};

function radio(name, value, label, { checked, describedBy }) {
  const id = `${name}-${value}`;
  return `<div class="choice"><input type="radio" id="${esc(id)}" name="${name}" value="${esc(value)}"${checked ? ' checked' : ''}${describedBy ? ` aria-describedby="${describedBy}"` : ''}>
<label for="${esc(id)}">${esc(label)}</label></div>`;
}

// The login page: one radio group of persons, one of security levels.
export function loginPage({ uid, persons, clientName, person, level, error }) {
  const errId = error ? 'person-error' : undefined;
  const personRadios = persons
    .map((p) => radio('person', p.id, personLabel(p), { checked: p.id === person, describedBy: errId }))
    .join('\n');
  const levelRadios = Object.entries(LEVELS)
    .map(([value, { label }]) => radio('level', value, label, { checked: value === level }))
    .join('\n');
  const title = 'TestID – velg testperson (ID-porten, lokal testutgave)';
  return layout(`${error ? 'Feil: ' : ''}${title}`, `<h1>${esc(title)}</h1>
<p>Du logger inn på <strong>${esc(clientName)}</strong>. Velg hvem du vil være, og hvilket sikkerhetsnivå innloggingen skal ha.</p>
<form method="post" action="/interaction/${esc(uid)}/login">
<fieldset>
<legend>Testperson</legend>
${error ? `<p class="error" id="person-error">${esc(error)}</p>` : ''}
${personRadios}
</fieldset>
<fieldset>
<legend>Sikkerhetsnivå</legend>
${levelRadios}
</fieldset>
<div class="buttons">
<button type="submit" class="primary">Logg inn</button>
<button type="submit" formaction="/interaction/${esc(uid)}/abort" class="secondary">Avbryt</button>
</div>
</form>`);
}

// RP-initiated logout: the form submits itself (static/logout.js, after any front-channel
// iframes have loaded); without JavaScript, one button.
export function logoutPage({ form, iframes }) {
  const frames = iframes
    .map((src) => `<iframe src="${esc(src)}" title="Utlogging fra tjeneste" class="frontchannel"></iframe>`)
    .join('\n');
  const withButton = form.replace(
    '</form>',
    '<input type="hidden" name="logout" value="yes"><button type="submit" class="primary">Fortsett utlogging</button></form>',
  );
  return layout('Logger ut – ID-porten (lokal testutgave)', `<h1>Logger ut</h1>
<p>Du blir logget ut av ID-porten og sendt tilbake til tjenesten.</p>
${withButton}
${frames}`, { scripts: '<script src="/static/logout.js" defer></script>' });
}

export function loggedOutPage() {
  return layout('Du er logget ut – ID-porten (lokal testutgave)', `<h1>Du er logget ut</h1>
<p>Du er logget ut av ID-porten. Du kan lukke dette vinduet.</p>`);
}

export function errorPage(out) {
  const rows = Object.entries(out)
    .map(([key, value]) => `<dt>${esc(key)}</dt><dd>${esc(value)}</dd>`)
    .join('\n');
  return layout('Feil – ID-porten (lokal testutgave)', `<h1>Noe gikk galt</h1>
<p>ID-porten (lokal testutgave) kunne ikke fullføre forespørselen.</p>
<dl>${rows}</dl>
<p>Gå tilbake til tjenesten og prøv å logge inn på nytt.</p>`);
}
