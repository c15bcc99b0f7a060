/** The shape of an LEI: 18 letters or digits, then two check digits (ISO 17442). */
export const LEI_PATTERN = /^[A-Z0-9]{18}[0-9]{2}$/;

/**
 * Whether `code` is an LEI with valid check digits: ISO 17442 uses ISO 7064 MOD 97-10, so with letters read as
 * 10-35 the 20 characters form a number whose remainder modulo 97 is 1.
 */
export function isValidLei(code: string): boolean {
  if (!LEI_PATTERN.test(code)) return false;
  let remainder = 0;
  for (const char of code) {
    const digits = String(parseInt(char, 36));
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}
