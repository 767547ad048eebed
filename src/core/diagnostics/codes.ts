import type { Severity } from './diagnostic.ts';

/**
 * The Relais codes: problems the norm's Messages sheet has no official id for (file syntax,
 * structure, datatypes, usages, totals). Stable: a code is never renamed or reused.
 */
export interface CodeInfo {
  severity: Severity;
  /** What the code means, in French, for the documentation and the grouped report. */
  title: string;
  hint: string;
}

export const relaisCodes = {
  'RELAIS-FILE-EMPTY': {
    severity: 'blocking',
    title: 'Fichier vide',
    hint: "Le fichier ne contient aucun octet : vérifiez que l'export de votre logiciel de paie s'est terminé.",
  },
  'RELAIS-FILE-NOT-DSN': {
    severity: 'blocking',
    title: "Ce fichier n'est pas une déclaration DSN ou PASRAU",
    hint: "Une déclaration est un fichier texte dont chaque ligne a la forme S21.G00.30.001,'valeur'. Vérifiez que vous avez choisi le bon fichier (et non un PDF, un tableur ou une archive).",
  },
  'RELAIS-LINE-SYNTAX': {
    severity: 'blocking',
    title: 'Ligne illisible',
    hint: "Chaque ligne doit avoir la forme Sxx.Gyy.zz.nnn,'valeur' : identifiant de rubrique, virgule, valeur entre apostrophes.",
  },
  'RELAIS-LINE-TRAILING': {
    severity: 'non-blocking',
    title: "Caractères après l'apostrophe finale",
    hint: "Supprimez les espaces ou tabulations placés après l'apostrophe qui termine la valeur.",
  },
  'RELAIS-LINE-TOO-LONG': {
    severity: 'blocking',
    title: 'Ligne anormalement longue',
    hint: 'Aucune rubrique de la norme ne dépasse quelques centaines de caractères : une fin de ligne manque probablement.',
  },
  'RELAIS-LINE-NO-EOL': {
    severity: 'non-blocking',
    title: 'Dernière ligne sans fin de ligne',
    hint: 'La norme demande que chaque ligne, y compris la dernière, se termine par un saut de ligne (octet 0A).',
  },
  'RELAIS-LINE-CONTROL-CHAR': {
    severity: 'blocking',
    title: 'Caractère de contrôle dans une valeur',
    hint: 'Tabulations, retours chariot isolés et autres caractères de contrôle ne sont pas admis dans une valeur.',
  },
  'RELAIS-ENCODING-BOM': {
    severity: 'blocking',
    title: 'Marque UTF-8 (BOM) en tête de fichier',
    hint: "La norme impose l'encodage ISO-8859-1 (Latin-1) : enregistrez le fichier sans marque d'ordre des octets.",
  },
  'RELAIS-ENCODING-UTF8': {
    severity: 'non-blocking',
    title: 'Caractères encodés en UTF-8',
    hint: "La norme impose l'encodage ISO-8859-1 (Latin-1) : un « é » encodé en UTF-8 sera lu « Ã© » par les organismes. Réenregistrez le fichier en ISO-8859-1.",
  },
  'RELAIS-ENCODING-CP1252': {
    severity: 'non-blocking',
    title: 'Caractère Windows-1252 absent de la norme ISO-8859-1',
    hint: "Apostrophe typographique (’), guillemets (“ ”), tiret long (–), € ou œ n'existent pas en ISO-8859-1 : remplacez-les par ' \" - EUR oe.",
  },
  'RELAIS-NORM-MISSING': {
    severity: 'blocking',
    title: 'Version de norme absente',
    hint: 'Renseignez la rubrique S10.G00.00.006 (par exemple P26V01 pour les déclarations de 2026), ou choisissez une version avec --norm.',
  },
  'RELAIS-NORM-UNKNOWN': {
    severity: 'blocking',
    title: 'Version de norme invalide',
    hint: 'S10.G00.00.006 doit nommer une version de norme : PaaVnn pour une DSN (P26V01 en 2026), AAAAMM pour une PASRAU (201710) ; ou choisissez une version avec --norm.',
  },
  'RELAIS-NORM-UNSUPPORTED': {
    severity: 'non-blocking',
    title: 'Version de norme que Relais ne connaît pas',
    hint: "La version déclarée n'est pas en cause : Relais n'en a pas les tables et contrôle le fichier avec la version connue la plus proche. Une rubrique ou une valeur propre à la version déclarée peut alors être signalée à tort ; --norm impose une autre version.",
  },
  'RELAIS-NORM-FAMILY': {
    severity: 'blocking',
    title: 'Version de norme d’une autre famille de déclarations',
    hint: 'Une déclaration de nature 11 est une PASRAU : S10.G00.00.006 doit nommer une version de la norme PASRAU (201710 pour la norme 2017), et non une version DSN (PyyVnn).',
  },
  'RELAIS-BLOCK-UNKNOWN': {
    severity: 'blocking',
    title: 'Bloc inconnu de la norme',
    hint: "Ce bloc n'existe pas dans la version de la norme déclarée en S10.G00.00.006.",
  },
  'RELAIS-RUBRIC-UNKNOWN': {
    severity: 'blocking',
    title: 'Rubrique inconnue de la norme',
    hint: "Cette rubrique n'existe pas dans la version de la norme déclarée en S10.G00.00.006 (elle a pu être créée ou supprimée d'une version à l'autre : voir relais norm diff).",
  },
  'RELAIS-RUBRIC-ORDER': {
    severity: 'blocking',
    title: "Rubriques hors de l'ordre de la norme",
    hint: "À l'intérieur d'un bloc, les rubriques doivent apparaître dans l'ordre croissant de leur numéro.",
  },
  'RELAIS-RUBRIC-DUPLICATE': {
    severity: 'blocking',
    title: 'Rubrique en double',
    hint: 'Une rubrique ne peut être renseignée qu’une fois par bloc.',
  },
  'RELAIS-BLOCK-MISPLACED': {
    severity: 'blocking',
    title: 'Bloc hors de sa place',
    hint: 'Un bloc doit suivre le bloc dont il dépend (par exemple un Contrat S21.G00.40 suit un Individu S21.G00.30).',
  },
  'RELAIS-BLOCK-ORDER': {
    severity: 'non-blocking',
    title: 'Blocs dans un ordre différent de celui de la norme',
    hint: "Produisez les blocs d'un même parent dans l'ordre du cahier technique.",
  },
  'RELAIS-BLOCK-MISSING': {
    severity: 'blocking',
    title: 'Bloc obligatoire absent',
    hint: 'La norme impose au moins une occurrence de ce bloc à cet endroit.',
  },
  'RELAIS-BLOCK-TOO-MANY': {
    severity: 'blocking',
    title: "Trop d'occurrences d'un bloc",
    hint: 'La norme limite le nombre d’occurrences de ce bloc sous son parent.',
  },
  'RELAIS-BLOCK-NATURE': {
    severity: 'blocking',
    title: 'Bloc non prévu pour cette nature de déclaration',
    hint: "Selon le tableau des usages, ce bloc n'est pas utilisé pour la nature déclarée en S20.G00.05.001.",
  },
  'RELAIS-RUBRIC-MANDATORY': {
    severity: 'blocking',
    title: 'Rubrique obligatoire absente',
    hint: 'Selon le tableau des usages, cette rubrique est obligatoire (O) pour la nature déclarée dès que son bloc est présent.',
  },
  'RELAIS-RUBRIC-FORBIDDEN': {
    severity: 'blocking',
    title: 'Rubrique interdite pour cette nature',
    hint: 'Selon le tableau des usages, cette rubrique est interdite (I) ou non utilisée (N) pour la nature déclarée en S20.G00.05.001.',
  },
  'RELAIS-VALUE-EMPTY': {
    severity: 'blocking',
    title: 'Valeur vide',
    hint: 'Une rubrique sans valeur ne doit pas être écrite : supprimez la ligne ou renseignez une valeur.',
  },
  'RELAIS-VALUE-LENGTH': {
    severity: 'blocking',
    title: 'Longueur de valeur hors des limites du type',
    hint: 'La longueur de la valeur doit respecter les longueurs minimale et maximale du type de donnée de la rubrique.',
  },
  'RELAIS-VALUE-FORMAT': {
    severity: 'blocking',
    title: 'Valeur au mauvais format',
    hint: 'La valeur doit respecter le format (expression régulière) du type de donnée de la rubrique.',
  },
  'RELAIS-VALUE-LIST': {
    severity: 'blocking',
    title: 'Valeur absente de la liste de la norme',
    hint: 'La valeur doit faire partie des valeurs énumérées par la norme pour cette rubrique.',
  },
  'RELAIS-VALUE-DATE': {
    severity: 'blocking',
    title: "Date qui n'existe pas",
    hint: 'Une date JJMMAAAA doit exister au calendrier (pas de 31 avril ni de 29 février hors année bissextile).',
  },
  'RELAIS-VALUE-AMOUNT': {
    severity: 'blocking',
    title: 'Montant mal écrit',
    hint: 'Un montant s’écrit avec un point et exactement deux décimales, sans séparateur de milliers ni symbole (ex. 1523.40, -12.00).',
  },
  'RELAIS-VALUE-BLANKS': {
    severity: 'non-blocking',
    title: 'Espaces en début ou en fin de valeur',
    hint: 'Supprimez les espaces inutiles au début et à la fin de la valeur.',
  },
  'RELAIS-TOTAL-RUBRICS': {
    severity: 'blocking',
    title: "Nombre total de rubriques de l'envoi erroné",
    hint: "S90.G00.90.001 doit compter toutes les lignes de l'envoi, de S10.G00.00.001 à S90.G00.90.002 incluses.",
  },
  'RELAIS-TOTAL-DECLARATIONS': {
    severity: 'blocking',
    title: "Nombre de déclarations de l'envoi erroné",
    hint: "S90.G00.90.002 doit compter les déclarations (blocs S20.G00.05) de l'envoi.",
  },
  'RELAIS-ENVOI-INCOMPLETE': {
    severity: 'blocking',
    title: 'Envoi incomplet',
    hint: "L'envoi doit se terminer par le bloc S90.G00.90 (total de l'envoi) : le fichier a peut-être été tronqué.",
  },
  'RELAIS-LOT-STRUCTURE': {
    severity: 'blocking',
    title: 'Enveloppe de lot incohérente',
    hint: 'Un lot S05 contient des groupes S06…S96 et se termine par S95 ; les compteurs S96.G51.00.002 et S95.G51.00.002 doivent correspondre au contenu.',
  },
  'RELAIS-KEY-SIREN': {
    severity: 'blocking',
    title: 'SIREN dont la clé est fausse',
    hint: 'Le neuvième chiffre du SIREN est une clé de contrôle (formule de Luhn) : vérifiez le numéro auprès du répertoire SIRENE.',
  },
  'RELAIS-KEY-SIRET': {
    severity: 'blocking',
    title: 'SIRET (SIREN + NIC) dont la clé est fausse',
    hint: 'Le SIRET formé du SIREN et du NIC doit respecter la formule de Luhn (les établissements de La Poste, SIREN 356000000, ont leur propre règle) : vérifiez le NIC.',
  },
  'RELAIS-NIR-DUPLICATE': {
    severity: 'blocking',
    title: 'NIR présent plusieurs fois dans la déclaration',
    hint: 'Un NIR ne peut figurer qu’une fois par déclaration : regroupez les versements de la personne sous un seul bloc Individu (S21.G00.30).',
  },
  'RELAIS-PASRAU-PAYMENT-MONTH': {
    severity: 'blocking',
    title: 'Versement hors du mois déclaré',
    hint: 'Le mois principal déclaré (S20.G00.05.005) d’une PASRAU est le mois où les revenus sont versés : chaque date de versement (S21.G00.50.001) doit tomber dans ce mois.',
  },
  'RELAIS-PASRAU-PERIOD': {
    severity: 'blocking',
    title: 'Période de rattachement du versement à la DGFiP erronée',
    hint: 'S21.G00.20.006 et S21.G00.20.007 sont le premier et le dernier jour du mois principal déclaré (mois de versement des revenus).',
  },
  'RELAIS-PASRAU-ROUNDING': {
    severity: 'blocking',
    title: 'Versement à la DGFiP non arrondi à l’euro',
    hint: 'Le montant du versement (S21.G00.20.005) est arrondi à l’euro le plus proche, décimales à zéro (article 1724 du CGI) : 1523.00, pas 1522.64.',
  },
  'RELAIS-PASRAU-PAYER-SIREN': {
    severity: 'blocking',
    title: 'SIRET payeur d’une autre entreprise',
    hint: 'Le SIRET payeur (S21.G00.20.012) doit avoir le même SIREN que le SIRET déclaré (S21.G00.06.001).',
  },
  'RELAIS-PASRAU-NEANT': {
    severity: 'blocking',
    title: 'Déclaration « néant » incohérente',
    hint: 'Une déclaration de type 02 ou 05 (néant) ne contient aucun individu ; une déclaration de type 01 ou 03 en contient au moins un.',
  },
  'RELAIS-PASRAU-ENVOI-NEANT': {
    severity: 'blocking',
    title: 'Type d’envoi incohérent avec ses déclarations',
    hint: 'Un envoi de type 02 (envoi néant, S10.G00.00.008) ne contient que des déclarations néant (types 02 ou 05) ; un envoi de type 01 en contient au moins une qui ne l’est pas.',
  },
  'RELAIS-DEPOSIT-DUPLICATE': {
    severity: 'blocking',
    title: 'Déclaration déjà déposée',
    hint: 'Une déclaration mensuelle conforme existe déjà pour cet établissement, ce mois et cette fraction. Pour la corriger, déposez une déclaration « annule et remplace » (S20.G00.05.002 = 03) pour le même établissement, le même mois et la même fraction : elle remplacera celle qui est en vigueur.',
  },
  'RELAIS-DEPOSIT-OUT-OF-SCOPE': {
    severity: 'blocking',
    title: 'Établissement hors du périmètre du déclarant',
    hint: "Le jeton utilisé pour ce dépôt ne couvre pas ce SIRET (S21.G00.06.001 + S21.G00.11.001) : déposez avec le jeton du déclarant de l'entreprise ou de l'établissement.",
  },
} as const satisfies Record<string, CodeInfo>;

export type RelaisCode = keyof typeof relaisCodes;

export function codeInfo(code: RelaisCode): CodeInfo {
  return relaisCodes[code];
}
