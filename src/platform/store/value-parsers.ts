/**
 * How both dialects hand back values: dates stay `YYYY-MM-DD` (no time zone shift), amounts stay
 * exact decimal strings, and bigint (counts, keys, positions) becomes a number (they stay far
 * below 2^53).
 */
export const DATE_OID = 1082;
export const NUMERIC_OID = 1700;
export const INT8_OID = 20;

export const keepText = (value: string) => value;
export const toNumber = (value: string) => Number(value);
