declare module '@socialgouv/jours-feries' {
  /** French public holidays of a year, by name, as local-time dates. */
  export default function getJoursFeries(year: number, options?: { alsace?: boolean }): Record<string, Date>;
}
