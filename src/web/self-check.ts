import { checkDsn, type CheckReport } from '../check/check.ts';
import { anomaliesHtml, escapeHtml, frenchNumber as n } from '../check/report-html.ts';

/**
 * The self-check in the browser (`/auto-controle/`): the declaration is read and checked here, by
 * the same code as `relais check`; it is never sent. The norm of the file, and nothing else, is
 * fetched from the server that serves this page.
 */

const input = document.querySelector<HTMLInputElement>('#fichier')!;
const zone = document.querySelector<HTMLElement>('#depot')!;
const state = document.querySelector<HTMLElement>('#etat')!;
const result = document.querySelector<HTMLElement>('#resultat')!;
const technicalOnly = document.querySelector<HTMLInputElement>('#technique')!;

/** A file's bytes, in the chunks the browser reads them (no whole copy in memory). */
async function* chunksOf(file: File): AsyncIterable<Uint8Array> {
  const reader = file.stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

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

async function check(file: File): Promise<void> {
  result.innerHTML = '';
  state.textContent = `Contrôle de ${file.name}…`;
  const started = performance.now();
  try {
    const report = await checkDsn(chunksOf(file), {
      controls: !technicalOnly.checked,
      onProgress: (bytes) => {
        state.textContent = `Contrôle de ${file.name} : ${Math.floor((100 * bytes) / Math.max(file.size, 1))} %`;
      },
    });
    state.textContent = '';
    show(file, report, (performance.now() - started) / 1000);
  } catch (error) {
    state.textContent = `Le contrôle n'a pas pu aboutir : ${(error as Error).message}`;
  }
}

input.addEventListener('change', () => {
  const file = input.files?.[0];
  if (file) void check(file);
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
  if (file) void check(file);
});
state.textContent = 'Prêt : choisissez un fichier.';
