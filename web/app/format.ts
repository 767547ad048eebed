const day = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });
const dayTime = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'short',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});
const monthName = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const numbers = new Intl.NumberFormat('fr-FR');

export const frenchDay = (iso: string) => day.format(new Date(iso));
export const frenchDayTime = (iso: string) => dayTime.format(new Date(iso));
/** `2026-03` → « mars 2026 ». */
export const frenchMonth = (month: string) => monthName.format(new Date(`${month}-01T00:00:00Z`));
export const frenchNumber = (n: number) => numbers.format(n);

export function frenchSize(bytes: number): string {
  if (bytes < 1024) return `${frenchNumber(bytes)} octets`;
  if (bytes < 1024 ** 2) return `${frenchNumber(Math.round(bytes / 102.4) / 10)} Ko`;
  return `${frenchNumber(Math.round(bytes / 1024 ** 2 / 0.1) / 10)} Mo`;
}

/** `12345678901234` → « 123 456 789 01234 », as the SIRET is usually read. */
export const frenchSiret = (siret: string) =>
  siret.length === 14
    ? `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}`
    : siret;
