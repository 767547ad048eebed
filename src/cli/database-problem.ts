/**
 * Why the database could not be reached or migrated, for the person running a command: the
 * drivers' messages are English (« connect ECONNREFUSED 127.0.0.1:5432 », « password
 * authentication failed… »); the common causes are said in French, the others by their code.
 */
export function databaseProblem(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  switch (code) {
    case 'ECONNREFUSED':
      return 'PostgreSQL ne répond pas à l’adresse de DATABASE_URL (serveur arrêté ?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'l’hôte de DATABASE_URL est introuvable';
    case 'ETIMEDOUT':
      return 'PostgreSQL ne répond pas à temps à l’adresse de DATABASE_URL';
    case '28P01':
    case '28000':
      return 'PostgreSQL refuse l’utilisateur ou le mot de passe de DATABASE_URL';
    case '3D000':
      return 'la base nommée dans DATABASE_URL n’existe pas';
    case '42501':
      return 'l’utilisateur de DATABASE_URL n’a pas les droits nécessaires';
    default:
      return code !== undefined ? `erreur ${code} de la base de données` : (message ?? 'erreur inconnue');
  }
}
