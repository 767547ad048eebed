import type { CheckReport } from '../check/check.ts';
import { anomaliesHtml, escapeHtml, frenchNumber as n } from '../check/report-html.ts';
import type { WorkerAnswer, WorkerRequest } from './self-check-worker.ts';

/**
 * The self-check in the browser (`/auto-controle/`): the declaration is read and checked here, by
 * the same code as `relais check`, in a worker (`self-check-worker.ts`); it is never sent. The norm of the file, and nothing else, is
 * fetched from the server that serves this page.
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

function show(file: File, report: CheckReport, seconds: number): void {
  const verdict = verdictOf(report);
  const json = new Blob([JSON.stringify({ file: file.name, ...report }, null, 2)], {
    type: 'application/json',
  });
  result.innerHTML = `<section><p class="verdict ${verdict.kind}" id="verdict" data-seconds="${seconds}">${escapeHtml(verdict.text)}</p>
<dl>
<dt>Fichier</dt><dd>${escapeHtml(file.name)} (${n(file.size)} octets), contrôlé en ${seconds.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s</dd>
<dt>Norme</dt><dd>${escapeHtml(report.norm ?? 'non déterminée')}${report.family?.includes('PASRAU') ? ' (PASRAU)' : ''}</dd>
<dt>Contenu</dt><dd>${n(report.envois)} envoi(s), ${n(report.declarations)} déclaration(s), ${n(report.individuals)} individu(s), ${n(report.lines)} ligne(s)</dd>
</dl>
<p><a class="fr-link" id="json" download="${escapeHtml(file.name)}.controle.json" href="${URL.createObjectURL(json)}">Télécharger le rapport (JSON, comme relais check --format json)</a></p></section>
<section><h2>Anomalies</h2>${anomaliesHtml(report) || '<p>Aucune anomalie.</p>'}
${report.notes.map((note) => `<p class="hint">Note : ${escapeHtml(note)}</p>`).join('\n')}</section>`;
}

/**
 * The worker, kept from one file to the next (it keeps the norm it loaded and its compiled code);
 * a file chosen while another is being checked replaces the worker.
 */
let worker: Worker | null = null;
let busy = false;
let checked = 0;

function check(file: File): void {
  if (busy) {
    worker?.terminate();
    worker = null;
  }
  const id = ++checked;
  const running = (worker ??= new Worker('worker.js', { type: 'module' }));
  busy = true;
  result.innerHTML = '';
  state.textContent = `Contrôle de ${file.name}…`;
  const settled = () => {
    busy = false;
    running.removeEventListener('message', answered);
    running.removeEventListener('error', failed);
  };
  const answered = (event: MessageEvent<WorkerAnswer>) => {
    const answer = event.data;
    if (answer.id !== id) return;
    if (answer.kind === 'progress') {
      state.textContent = `Contrôle de ${file.name} : ${Math.floor((100 * answer.bytes) / Math.max(file.size, 1))} %`;
      return;
    }
    settled();
    if (answer.kind === 'report') {
      state.textContent = '';
      show(file, answer.report, answer.seconds);
    } else {
      state.textContent = `Le contrôle n'a pas pu aboutir : ${answer.message}`;
    }
  };
  const failed = (event: ErrorEvent) => {
    settled();
    running.terminate();
    if (worker === running) worker = null;
    state.textContent = `Le contrôle n'a pas pu aboutir : ${event.message || 'erreur du script de contrôle'}`;
  };
  running.addEventListener('message', answered);
  running.addEventListener('error', failed);
  running.postMessage({ id, file, controls: !technicalOnly.checked } satisfies WorkerRequest);
}

input.addEventListener('change', () => {
  const file = input.files?.[0];
  if (file) check(file);
});
zone.addEventListener('dragover', (event) => {
  event.preventDefault();
  zone.classList.add('survol');
});
zone.addEventListener('dragleave', () => zone.classList.remove('survol'));
zone.addEventListener('drop', (event) => {
  event.preventDefault();
  zone.classList.remove('survol');
  const file = event.dataTransfer?.files[0];
  if (file) check(file);
});
state.textContent = 'Prêt : choisissez un fichier.';
