/**
 * Real failures (not problems in a user's file, which are diagnostics): one class with a stable
 * code. Domain code throws them; the HTTP edge (`platform/http/error-handler.ts`) and the CLI map them once.
 */

export const appErrors = {
  AUTH_MISSING: 'Authentification requise',
  AUTH_INVALID: "Jeton d'accès invalide",
  AUTH_REVOKED: "Jeton d'accès révoqué",
  AUTH_SCOPE: 'Droit insuffisant',
  AUTH_EXPIRED: "Jeton d'accès expiré",
  AUTH_SCHEME: 'Schéma d’authentification attendu : Bearer',
  RATE_LIMITED: 'Trop de requêtes',
  BODY_NOT_FOUND: 'Organisme inconnu',
  BODY_INVALID: 'Organisme invalide',
  BODY_CONFLICT: 'Organisme déjà enregistré',
  BODY_DISABLED: 'Organisme désactivé',
  PURPOSE_NOT_FOUND: 'Finalité inconnue',
  PURPOSE_INVALID: 'Finalité invalide',
  HABILITATION_NOT_FOUND: 'Habilitation introuvable',
  HABILITATION_INVALID: 'Habilitation invalide',
  HABILITATION_REVOKED: 'Habilitation révoquée',
  AUTH_ORIGIN: 'Requête d’un autre site',
  PORTFOLIO_CHOICE: 'Déclarant à préciser',
  PORTFOLIO_FORBIDDEN: 'Déclarant hors du portefeuille',
  ACCOUNT_INVALID: 'Compte invalide',
  ACCOUNT_NOT_FOUND: 'Compte introuvable',
  SIGN_IN_FAILED: 'Connexion impossible',
  DEPOSIT_NOT_FOUND: 'Dépôt introuvable',
  DEPOSIT_TOO_LARGE: 'Fichier trop volumineux',
  DEPOSIT_CONFLICT: 'Fichier déjà déposé par un autre déclarant',
  DEPOSIT_ABORTED: 'Envoi interrompu',
  DEPOSIT_MEDIA_TYPE: 'Type de contenu non accepté',
  DEPOSIT_QUOTA: 'Quota de dépôt atteint',
  CERTIFICATE_UNAVAILABLE: 'Pas de certificat de conformité',
  RETURNS_POSITION_INVALID: 'Position de lecture invalide',
  RETURNS_ACCOUNT_ONLY: 'Réservé aux personnes connectées',
  DECLARATION_NOT_FOUND: 'Déclaration introuvable',
  DECLARATION_FORBIDDEN: 'Déclaration d’un autre déclarant',
  DECLARANT_NOT_FOUND: 'Déclarant introuvable',
  DECLARANT_INVALID: 'Déclarant invalide',
  DECLARANT_REVOKED: 'Déclarant déjà révoqué',
  CONTROL_NOT_FOUND: 'Contrôle inconnu',
  DRM_DISABLED: 'Lecture des ressources désactivée',
  DRM_NIR_FORMAT: 'NIR mal formé',
  DRM_NIR_KEY: 'Clé du NIR incorrecte',
  DRM_NIR_TEMPORARY: 'NIR temporaire',
  DRM_PERSON_UNKNOWN: 'Personne inconnue',
  DRM_IDENTITY_MISMATCH: 'Identité discordante',
  DRM_IDENTITY_UNCERTAIN: 'Identité incertaine',
  DRM_PERSON_NOT_FOUND: 'Personne introuvable',
  DRM_ROUTE_GONE: 'Adresse retirée',
  EXCHANGE_RECIPIENT: 'Destinataire refusé',
  EXCHANGE_PURPOSE: 'Finalité refusée',
  EXCHANGE_CASE: 'Référence de dossier invalide',
  EXCHANGE_DEPTH: 'Mois hors de la profondeur habilitée',
  EXCHANGE_FIELDS: 'Données hors de l’habilitation',
  EXCHANGE_LOT_TOO_LARGE: 'Lot trop volumineux',
  EXCHANGE_LOT_NOT_FOUND: 'Lot introuvable',
  EXCHANGE_LOT_EXPIRED: 'Lot expiré',
  EXCHANGE_LOT_RUNNING: 'Lot en cours',
  EXCHANGE_NDJSON_INVALID: 'Corps NDJSON illisible',
  EXCHANGE_LINE_INVALID: 'Ligne invalide',
  EXCHANGE_CURSOR_INVALID: 'Curseur invalide',
  WEBHOOK_URL_INVALID: 'Adresse de webhook refusée',
  WEBHOOK_NOT_FOUND: 'Aucun webhook enregistré',
  REQUEST_INVALID: 'Requête invalide',
  REQUEST_TOO_LARGE: 'Requête trop volumineuse',
  REQUEST_MEDIA_TYPE: 'Type de contenu non accepté',
  REQUEST_TIMEOUT: 'Requête trop lente',
  REQUEST_HEADERS_TOO_LARGE: 'En-têtes trop volumineux',
  REQUEST_ENCODING: 'Encodage du corps non accepté',
  ROUTE_NOT_FOUND: 'Adresse inconnue',
  DATABASE_UNAVAILABLE: 'Base de données indisponible',
  STORAGE_UNAVAILABLE: 'Stockage des fichiers indisponible',
  MIGRATION_FAILED: 'Migration de la base impossible',
  INTERNAL: 'Erreur interne',
} as const;

export type AppErrorCode = keyof typeof appErrors;

/** Where in the request the problem is, JSON:API style (`{ pointer: '/body' }`, `{ parameter: 'id' }`). */
export type ErrorSource = { pointer?: string; parameter?: string; header?: string };

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    /** French, for the person reading the response: what happened and what to do. */
    readonly detail: string,
    readonly source?: ErrorSource,
    options?: ErrorOptions,
  ) {
    super(detail, options);
    this.name = 'AppError';
  }

  get title(): string {
    return appErrors[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
