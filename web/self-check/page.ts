import type { CheckReport } from '../../src/core/check/check.ts';
import { anomaliesHtml, escapeHtml } from '../../src/core/check/report-html.ts';
import { frenchNumber as n } from '../../src/core/values/french-number.ts';
import type { WorkerAnswer, WorkerRequest } from './worker.ts';

/**
 * The self-check in the browser (`/auto-controle/`): declarations are read and checked here, one
 * after the other, by the same code as `relais check`, in a worker (`worker.ts`); they
 * are never sent. The norm of each file, and nothing else, is fetched from the server.
 */

const input = document.querySelector<HTMLInputElement>('#fichier')!;
const zone = document.querySelector<HTMLElement>('#depot')!;
const state = document.querySelector<HTMLElement>('#etat')!;
const result = document.querySelector<HTMLElement>('#resultat')!;
const technicalOnly = document.querySelector<HTMLInputElement>('#technique')!;

function verdictOf(report: CheckReport): { text: string; kind: string } {
  const { blocking, nonBlocking } = report.summary;
  if (blocking > 0)
    return {
      text: `Non conforme — ${n(blocking)} anomalie(s) bloquante(s)${nonBlocking > 0 ? `, ${n(nonBlocking)} non bloquante(s)` : ''}`,
      kind: 'ko',
    };
  if (nonBlocking > 0)
    return { text: `Conforme, avec ${n(nonBlocking)} anomalie(s) non bloquante(s)`, kind: 'partial' };
  return { text: 'Conforme — aucune anomalie', kind: 'ok' };
}

/** One file's report, as a section appended to the results. */
function show(file: File, report: CheckReport, seconds: number): void {
  const verdict = verdictOf(report);
  const json = new Blob([JSON.stringify({ file: file.name, ...report }, null, 2)], {
    type: 'application/json',
  });
  const article = document.createElement('article');
  article.className = 'fichier';
  article.dataset['file'] = file.name;
  article.innerHTML = `<section><h2>${escapeHtml(file.name)}</h2>
<p class="verdict ${verdict.kind}" data-seconds="${seconds}">${escapeHtml(verdict.text)}</p>
<dl>
<dt>Fichier</dt><dd>${escapeHtml(file.name)} (${n(file.size)} octets), contrôlé en ${seconds.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s</dd>
<dt>Norme</dt><dd>${escapeHtml(report.norm ?? 'non déterminée')}${report.family?.includes('PASRAU') ? ' (PASRAU)' : ''}</dd>
<dt>Contenu</dt><dd>${n(report.envois)} envoi(s), ${n(report.declarations)} déclaration(s), ${n(report.individuals)} individu(s), ${n(report.lines)} ligne(s)</dd>
</dl>
<p><a class="fr-link" download="${escapeHtml(file.name)}.controle.json" href="${URL.createObjectURL(json)}">Télécharger le rapport (JSON, comme relais check --format json)</a></p></section>
<section><h3>Anomalies</h3>${anomaliesHtml(report, 4) || '<p>Aucune anomalie.</p>'}
${report.notes.map((note) => `<p class="hint">Note : ${escapeHtml(note)}</p>`).join('\n')}</section>`;
  result.append(article);
}

/**
 * The worker, kept from one file to the next (it keeps the norms it loaded and its compiled code);
 * files chosen while others are being checked replace them, and the worker with them.
 */
let worker: Worker | null = null;
let busy = false;
let requests = 0;
let selections = 0;

type Outcome = { report: CheckReport; seconds: number } | { error: string };

/** Checks one file in the worker; progress goes to the status line. */
function checkOne(file: File, position: string): Promise<Outcome> {
  const id = ++requests;
  const running = (worker ??= new Worker('worker.js', { type: 'module' }));
  busy = true;
  state.textContent = `Contrôle de ${file.name}${position}…`;
  return new Promise((resolve) => {
    const settled = (outcome: Outcome) => {
      busy = false;
      running.removeEventListener('message', answered);
      running.removeEventListener('error', failed);
      resolve(outcome);
    };
    const answered = (event: MessageEvent<WorkerAnswer>) => {
      const answer = event.data;
      if (answer.id !== id) return;
      if (answer.kind === 'progress') {
        state.textContent = `Contrôle de ${file.name}${position} : ${Math.floor((100 * answer.bytes) / Math.max(file.size, 1))} %`;
      } else if (answer.kind === 'report') {
        settled({ report: answer.report, seconds: answer.seconds });
      } else {
        settled({ error: answer.message });
      }
    };
    const failed = (event: ErrorEvent) => {
      running.terminate();
      if (worker === running) worker = null;
      settled({ error: event.message || 'erreur du script de contrôle' });
    };
    running.addEventListener('message', answered);
    running.addEventListener('error', failed);
    running.postMessage({ id, file, controls: !technicalOnly.checked } satisfies WorkerRequest);
  });
}

async function check(files: File[]): Promise<void> {
  if (files.length === 0) return;
  if (busy) {
    worker?.terminate();
    worker = null;
  }
  const selection = ++selections;
  result.replaceChildren();
  let conform = 0;
  const failures: string[] = [];
  for (const [i, file] of files.entries()) {
    const outcome = await checkOne(file, files.length > 1 ? ` (${i + 1} sur ${files.length})` : '');
    // Another selection took over: its files are being checked now.
    if (selection !== selections) return;
    if ('error' in outcome) {
      failures.push(`${file.name} : ${outcome.error}`);
      continue;
    }
    if (outcome.report.summary.blocking === 0) conform++;
    show(file, outcome.report, outcome.seconds);
  }
  const summary =
    files.length > 1
      ? `${n(files.length)} fichiers contrôlés : ${n(conform)} conforme(s), ${n(files.length - conform - failures.length)} non conforme(s).`
      : '';
  state.textContent = [summary, ...failures.map((f) => `Le contrôle n'a pas pu aboutir pour ${f}`)]
    .filter((t) => t.length > 0)
    .join(' ');
}

input.addEventListener('change', () => void check(Array.from(input.files ?? [])));
zone.addEventListener('dragover', (event) => {
  event.preventDefault();
  zone.classList.add('survol');
});
zone.addEventListener('dragleave', () => zone.classList.remove('survol'));
zone.addEventListener('drop', (event) => {
  event.preventDefault();
  zone.classList.remove('survol');
  void check(Array.from(event.dataTransfer?.files ?? []));
});
state.textContent = 'Prêt : choisissez un ou plusieurs fichiers.';
