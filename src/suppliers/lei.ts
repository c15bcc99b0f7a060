/**
 * Legal Entity Identifiers (ISO 17442): 20 characters, 18 letters or digits then two check digits, valid when the
 * whole code, read as a number with the letters as 10 (A) to 35 (Z), leaves 1 when divided by 97 (ISO 7064
 * MOD 97-10, the scheme IBANs use). Pure.
 */

/** The shape of an LEI: 18 upper-case letters or digits and two check digits (the EBA's v8826_m pattern). */
export const LEI_PATTERN = /^[A-Z0-9]{18}[0-9]{2}$/;

/** The remainder of a code read as ISO 7064 MOD 97-10 does (letters as 10-35), modulo 97. */
function mod97(code: string): number {
  let remainder = 0;
  for (const char of code) {
    const value = Number.parseInt(char, 36);
    // A letter stands for two digits, a digit for one.
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder;
}

/** Why `code` is not a valid LEI, in words; undefined when it is one. */
export function leiProblem(code: string): string | undefined {
  if (code.length !== 20) return `an LEI has 20 characters, not ${code.length}`;
  if (!LEI_PATTERN.test(code))
    return 'an LEI is 18 upper-case letters or digits followed by two check digits';
  if (mod97(code) !== 1) return 'its check digits do not match (ISO 17442): check it for a typo';
  return undefined;
}

/** Whether `code` is a valid LEI: the ISO 17442 shape and check digits. */
export function isValidLei(code: string): boolean {
  return leiProblem(code) === undefined;
}

/** The two check digits that make an 18-character prefix a valid LEI (for test data and made-up examples). */
export function leiCheckDigits(prefix: string): string {
  if (!/^[A-Z0-9]{18}$/.test(prefix))
    throw new RangeError(`an LEI prefix is 18 letters or digits: "${prefix}"`);
  return String(98 - mod97(`${prefix}00`)).padStart(2, '0');
}
