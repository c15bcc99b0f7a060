import { describe, expect, it } from 'vitest';
import { isValidLei, leiCheckDigits, leiProblem } from './lei.ts';

// Published LEIs (GLEIF's own record of each): the Global LEI Foundation, Deutsche Bank AG, Apple Inc.,
// Microsoft Corporation, Bayerische Motoren Werke AG.
const PUBLISHED = [
  '506700GE1G29325QX363',
  '7LTWFZYICNSX8D621K86',
  'HWUPKR0MPOU8FGXBT394',
  'INR2EJN1ERAN0W5ZP974',
  '529900T8BM49AURSDO55',
];

describe('LEI check digits (ISO 17442, ISO 7064 MOD 97-10)', () => {
  it('accepts published LEIs', () => {
    for (const lei of PUBLISHED) expect(leiProblem(lei), lei).toBeUndefined();
  });

  it('rejects a published LEI with one character changed, or two digits swapped', () => {
    expect(leiProblem('7LTWFZYICNSX8D621K87')).toMatch(/check digits do not match/);
    expect(isValidLei('7LTWFZYICNSX8D612K86')).toBe(false);
    expect(isValidLei('HWUPKR0MPOU8FGXBT395')).toBe(false);
    expect(isValidLei('506700GE1G29325QX336')).toBe(false);
  });

  it('says why a code of the wrong shape is not an LEI', () => {
    expect(leiProblem('HWUPKR0MPOU8FGXBT39')).toBe('an LEI has 20 characters, not 19');
    expect(leiProblem('hwupkr0mpou8fgxbt394')).toMatch(/upper-case letters or digits/);
    expect(leiProblem('HWUPKR0MPOU8FGXBT3AB')).toMatch(/two check digits/);
  });

  it('computes the check digits that make a prefix valid', () => {
    expect(leiCheckDigits('7LTWFZYICNSX8D621K')).toBe('86');
    expect(leiCheckDigits('506700GE1G29325QX3')).toBe('63');
    expect(isValidLei(`984500NORTHBANK000${leiCheckDigits('984500NORTHBANK000')}`)).toBe(true);
    expect(() => leiCheckDigits('SHORT')).toThrow(/18 letters or digits/);
  });
});
