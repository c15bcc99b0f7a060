/** Whether `text` is a calendar date written `YYYY-MM-DD` (xs:date without a time zone). */
export function isDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Whether `text` is a creation timestamp `YYYYMMDDhhmmssfff` (17 digits, a real date and time). */
export function isTimestamp17(text: string): boolean {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\d{3}$/.exec(text);
  if (!match) return false;
  const [, year, month, day, hour, minute, second] = match;
  return isDate(`${year}-${month}-${day}`) && Number(hour) < 24 && Number(minute) < 60 && Number(second) < 60;
}

/** Whether `text` is a whole number in plain digits (no sign, no decimals, no separators). */
export const isPlainInteger = (text: string): boolean => /^[0-9]+$/.test(text);

/** Whether `text` is an amount in plain decimals (`120000`, `-5`, `1234.50`), no exponent or thousands separators. */
export const isPlainDecimal = (text: string): boolean => /^-?[0-9]+(\.[0-9]+)?$/.test(text);

/** Quotes a cell for a message, showing leading and trailing spaces. */
export const quoted = (value: string): string => JSON.stringify(value);
