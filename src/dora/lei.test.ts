import { describe, expect, it } from 'vitest';
import { isValidLei } from './lei.ts';

describe('isValidLei', () => {
  it('accepts LEIs whose ISO 7064 MOD 97-10 check digits are right', () => {
    expect(isValidLei('5299000EXAMPLEBANK10')).toBe(true);
    expect(isValidLei('9695000CLOUDYSERVS17')).toBe(true);
    expect(isValidLei('7LTWFZYICNSX8D621K86')).toBe(true);
  });

  it('refuses a wrong check digit, a lower-case letter and a wrong length', () => {
    expect(isValidLei('5299000EXAMPLEBANK11')).toBe(false);
    expect(isValidLei('5299000examplebank10')).toBe(false);
    expect(isValidLei('5299000EXAMPLEBANK1')).toBe(false);
  });
});
