import { frenchNumber } from '../values/french-number.ts';
import type { Diagnostic, DiagnosticGroup } from '../diagnostics/diagnostic.ts';
import { controlPage, printable, printableMessage } from './places.ts';

/**
 * The anomalies of a report as HTML, grouped by control: the deposit's conformity page and the
 * browser self-check show them the same way. Pure: runs in the server and in the browser.
 */

export const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/**
 * The pages' style: the State's colours without its design system's assets, so a page stands alone.
 * Read on a phone (375 px, WCAG 1.4.10 reflow), the page never scrolls sideways: values, codes and
 * file names break anywhere, a table too wide for the screen scrolls inside its own box
 * (`.defile`), and the description lists stack.
 */
export const reportStyle = `
body{font-family:Marianne,Arial,sans-serif;margin:0;color:#161616;background:#f6f6f6}
header{background:#000091;color:#fff;padding:1rem 2rem}header p{margin:.2rem 0 0;opacity:.85}
main{max-width:72rem;margin:0 auto;padding:1.5rem 2rem}
section{background:#fff;border:1px solid #ddd;padding:1rem 1.5rem;margin-bottom:1.5rem}
h1{font-size:1.5rem;margin:0}h2{font-size:1.2rem;margin-top:0}h3{font-size:1rem;margin:1rem 0 .3rem}
.verdict{font-size:1.3rem;font-weight:bold;padding:.8rem 1rem;border-left:6px solid}
.ok{border-color:#18753c;background:#b8fec9}.partial{border-color:#b34000;background:#ffe9e6}.ko{border-color:#ce0500;background:#ffe9e9}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border-bottom:1px solid #ddd;text-align:left;padding:.35rem .5rem;vertical-align:top}
th{background:#eee}code{font-family:monospace;font-size:.85rem}dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.3rem 1rem}dt{font-weight:bold}dd{margin:0}
.hint{color:#3a3a3a;font-size:.9rem}.tag{display:inline-block;padding:0 .4rem;border-radius:.2rem;font-size:.8rem;background:#eee}
.conform{background:#b8fec9}.rejected{background:#ffe9e9}.superseded,.cancelled{background:#fee7fc}
h1,h2,h3,h4,p,dd,td,li,code,pre{overflow-wrap:anywhere}pre{white-space:pre-wrap}
.defile{overflow-x:auto;max-width:100%}.defile td,.defile th{overflow-wrap:normal}
@media (max-width:40rem){header{padding:1rem}main{padding:1rem .5rem}section{padding:.8rem}dl{grid-template-columns:minmax(0,1fr);gap:.1rem}dd{margin-bottom:.4rem}}
`;

/** Whom and where an occurrence concerns: the individual (never a NIR in clear) and the SIRET. */
function placeHtml(d: Diagnostic): string {
  const who = d.individual;
  const lines: string[] = [];
  if (who !== undefined) {
    lines.push(escapeHtml(who.name ?? `Individu de la ligne ${frenchNumber(who.line)}`));
    const ids = [
      ...(who.number !== undefined ? [`matricule ${escapeHtml(who.number)}`] : []),
      ...(who.nir !== undefined ? [`NIR <code>${escapeHtml(who.nir)}</code>`] : []),
    ];
    if (ids.length > 0) lines.push(`<span class="hint">${ids.join(', ')}</span>`);
  }
  if (d.siret !== undefined)
    lines.push(`<span class="hint">SIRET <code>${escapeHtml(d.siret)}</code></span>`);
  return lines.length > 0 ? lines.join('<br>') : '—';
}

/**
 * One section per code met: its occurrences (line, rubric and value, whom and where it concerns,
 * message), then how to fix; each headed at `level` (h3 by default), an official control's code
 * linking to its page in the referential.
 */
export function anomaliesHtml(
  report: { diagnostics: readonly Diagnostic[]; groups: readonly DiagnosticGroup[] },
  level = 3,
): string {
  const n = frenchNumber;
  const listed = new Map<string, Diagnostic[]>();
  for (const d of report.diagnostics) listed.set(d.code, [...(listed.get(d.code) ?? []), d]);
  return report.groups
    .map((g) => {
      const items = listed.get(g.code) ?? [];
      // The column only when some occurrence is inside a declaration: file-level ones have no place.
      const placed = items.some((d) => d.individual !== undefined || d.siret !== undefined);
      const rows = items
        .map(
          (d) =>
            `<tr><td>${d.line !== undefined ? n(d.line) : '—'}</td><td><code>${escapeHtml(d.rubric ?? d.block ?? '')}${d.value !== undefined ? `,'${escapeHtml(printable(d.rubric, d.value))}'` : ''}</code></td>${placed ? `<td>${placeHtml(d)}</td>` : ''}<td>${escapeHtml(printableMessage(d))}</td></tr>`,
        )
        .join('');
      const more =
        g.count > items.length
          ? `<p class="hint">… et ${n(g.count - items.length)} autre(s) occurrence(s).</p>`
          : '';
      const hintText = items[0]?.hint ?? g.hint;
      const hint = hintText ? `<p class="hint">${escapeHtml(hintText)}</p>` : '';
      const page = controlPage(g.code);
      const code = `<code>${escapeHtml(g.code)}</code>`;
      const title = page
        ? `<a href="${escapeHtml(page)}" title="Le contrôle dans le référentiel">${code}</a>`
        : code;
      return `<h${level}>${title} — ${g.severity === 'blocking' ? 'bloquante' : 'non bloquante'}, ${n(g.count)} occurrence(s)</h${level}>
${rows ? `<table><thead><tr><th>Ligne</th><th>Rubrique</th>${placed ? '<th>Concerne</th>' : ''}<th>Message</th></tr></thead><tbody>${rows}</tbody></table>` : `<p>${escapeHtml(g.message)}</p>`}${more}${hint}`;
    })
    .join('\n');
}
