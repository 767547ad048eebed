import type { Kysely } from 'kysely';
import type { BodyCaller } from '../../platform/auth/caller.ts';
import { uuidv7 } from '../../platform/store/ids.ts';
import type { Database } from '../../platform/store/schema.ts';
import { inTransaction } from '../../platform/store/transaction.ts';
import { disagreements } from '../drm/names.ts';
import { parseQueryNir } from '../drm/nir.ts';
import { deleteFollows, knownPersons, upsertFollows, type KnownPerson } from './follows-repository.ts';
import type { NdjsonLine } from './ndjson-body.ts';
import { isRefusal, parsePersonLine, type LineRefusal, type PersonLine } from './person-line.ts';

/**
 * The persons a habilitation follows in its change feed (`feed.ts`). Following a person states
 * their identity as a read does, and is refused the same way when it does not agree with what is
 * declared: a body follows only persons it knows. Each line is answered alone.
 */

export interface LineError {
  ligne: number;
  dossier: string | null;
  erreur: { code: string; detail: string };
}

export interface FollowAnswer {
  lignes: number;
  suivies: number;
  refusees: number;
  /** Each followed line with the opaque reference the feed gives for its person. */
  personnes: { ligne: number; dossier: string; personne: string }[];
  refus: LineError[];
}

export interface UnfollowAnswer {
  lignes: number;
  /** Persons who were followed and no longer are. */
  retirees: number;
  refus: LineError[];
}

const asLineError = (r: LineRefusal): LineError => ({ ligne: r.line, dossier: r.dossier, erreur: r.error });

const nirRefusals = {
  format: {
    code: 'DRM_NIR_FORMAT',
    detail:
      'Le NIR doit compter 15 caractères, clé comprise (13 chiffres, 2A ou 2B pour la Corse, puis la clé).',
  },
  key: {
    code: 'DRM_NIR_KEY',
    detail: 'La clé du NIR (deux derniers chiffres) ne correspond pas au numéro : vérifiez sa saisie.',
  },
  temporary: {
    code: 'DRM_NIR_TEMPORARY',
    detail: 'Ce numéro est un NIR temporaire (NIA) : seul un NIR définitif peut être suivi.',
  },
};

/**
 * One answer for an unknown NIR and for an identity that does not agree with it, as a body's reads
 * give, so that following cannot tell whether a NIR is known.
 */
const notFound = {
  code: 'DRM_PERSON_NOT_FOUND',
  detail:
    'Aucune personne connue ne correspond à ce NIR et à cette identité (nom, prénoms, date de naissance) : vérifiez-les.',
};
const uncertain = {
  code: 'DRM_IDENTITY_UNCERTAIN',
  detail: 'Identité incertaine : ce NIR est signalé pour une discordance d’identité entre déclarants.',
};

type Checked = { line: PersonLine; nir: string } | LineRefusal;

function withNir(parsed: PersonLine | LineRefusal): Checked {
  if (isRefusal(parsed)) return parsed;
  const nir = parseQueryNir(parsed.nir);
  if (!nir.ok) return { line: parsed.line, dossier: parsed.dossier, error: nirRefusals[nir.problem] };
  return { line: parsed, nir: nir.nir };
}

/**
 * As a body's read refuses: a flagged NIR is said uncertain only to whoever states an identity
 * declared under it (who knows the person already); to anyone else it is not found.
 */
function identityRefusal(line: PersonLine, known: KnownPerson | undefined): LineRefusal | null {
  const agreeing = (known?.identities ?? []).map((k) => disagreements(line.identity, k).length === 0);
  const refusal = (error: { code: string; detail: string }) => ({
    line: line.line,
    dossier: line.dossier,
    error,
  });
  if (known?.flagged) return refusal(agreeing.includes(true) ? uncertain : notFound);
  if (agreeing.length === 0 || agreeing.includes(false)) return refusal(notFound);
  return null;
}

/** Follows the persons of `lines` under the caller's habilitation (a person twice: the last line's case). */
export async function followPersons(
  db: Kysely<Database>,
  caller: BodyCaller,
  lines: readonly NdjsonLine[],
  now = new Date(),
): Promise<FollowAnswer> {
  const checked = lines.map((l) => withNir(parsePersonLine(l)));
  return inTransaction(db, async (tx) => {
    const persons = checked.filter((c): c is { line: PersonLine; nir: string } => !('error' in c));
    const known = await knownPersons(
      tx,
      persons.map((p) => p.nir),
      now,
    );
    const refusals: LineRefusal[] = checked.filter((c): c is LineRefusal => 'error' in c);
    const accepted: { line: PersonLine; nir: string }[] = [];
    for (const p of persons) {
      const refusal = identityRefusal(p.line, known.get(p.nir));
      if (refusal) refusals.push(refusal);
      else accepted.push(p);
    }
    const byNir = new Map(
      accepted.map((p) => [p.nir, { id: uuidv7(), nir: p.nir, dossier: p.line.dossier }]),
    );
    const references = await upsertFollows(tx, caller.habilitationId, [...byNir.values()]);
    refusals.sort((a, b) => a.line - b.line);
    return {
      lignes: lines.length,
      suivies: accepted.length,
      refusees: refusals.length,
      personnes: accepted.map((p) => ({
        ligne: p.line.line,
        dossier: p.line.dossier,
        personne: references.get(p.nir)!,
      })),
      refus: refusals.map(asLineError),
    };
  });
}

/** Stops following the persons of `lines` (their NIR is enough) under the caller's habilitation. */
export async function unfollowPersons(
  db: Kysely<Database>,
  caller: BodyCaller,
  lines: readonly NdjsonLine[],
): Promise<UnfollowAnswer> {
  const checked = lines.map((l) => withNir(parsePersonLine(l)));
  const nirs = checked.flatMap((c) => ('error' in c ? [] : [c.nir]));
  const removed = await deleteFollows(db, caller.habilitationId, [...new Set(nirs)]);
  return {
    lignes: lines.length,
    retirees: removed,
    refus: checked.filter((c): c is LineRefusal => 'error' in c).map(asLineError),
  };
}
