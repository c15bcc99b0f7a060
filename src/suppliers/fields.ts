/**
 * Schema pieces for suppliers and the register of information that several kinds share (the Policy's
 * organisation, Vendor, Contract): LEIs with their check digits, countries, supplier identifiers, amounts.
 */
import { z } from 'zod';
import { isCountryCode } from './codes.ts';
import { LEI_PATTERN, leiProblem } from './lei.ts';

/** A Legal Entity Identifier (ISO 17442), its check digits verified. */
export const leiSchema = z
  .string()
  .superRefine((code, context) => {
    const problem = leiProblem(code);
    if (problem) context.addIssue({ code: 'custom', message: `not a valid LEI: ${problem}`, input: code });
  })
  .meta({ pattern: LEI_PATTERN.source, examples: ['5299000EXAMPLEBANK10'] });

/** A country as ISO 3166-1 alpha-2 (`DE`, `IE`, `GB`). */
export const countrySchema = z
  .string()
  .superRefine((code, context) => {
    if (isCountryCode(code)) return;
    const hint = code === 'UK' ? ': the United Kingdom is GB' : code === 'EL' ? ': Greece is GR' : '';
    context.addIssue({
      code: 'custom',
      message: `a country is an ISO 3166-1 alpha-2 code such as DE, IE or GB${hint}`,
      input: code,
    });
  })
  .meta({ pattern: '^[A-Z]{2}$', examples: ['IE'] });

/** An ISO 4217 currency code. */
export const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'a currency is an ISO 4217 code such as EUR, GBP or USD');

/** The kinds of code that identify a supplier in the register (ITS B_05.01.0020). */
export const IDENTIFIER_TYPES = ['LEI', 'EUID', 'CRN', 'VAT', 'PNR', 'NIN'] as const;

/** How a supplier is identified in the register: an LEI (checked), an EUID, or for an individual another code. */
export const identifierSchema = z
  .strictObject({
    type: z.enum(IDENTIFIER_TYPES).meta({
      description:
        'LEI, EUID (European Unique Identifier), CRN (company registration number), VAT, PNR (passport number) ' +
        'or NIN (national identity number). A legal person is identified by an LEI or an EUID, and by an LEI ' +
        'outside the EU.',
    }),
    code: z.string().trim().min(1).max(255),
  })
  .superRefine((identifier, context) => {
    if (identifier.type !== 'LEI') return;
    const problem = leiProblem(identifier.code);
    if (problem)
      context.addIssue({
        code: 'custom',
        path: ['code'],
        message: `not a valid LEI: ${problem}`,
        input: identifier.code,
      });
  })
  .meta({
    title: 'Identifier',
    description: 'The code the register identifies it by: `{type: LEI, code: ...}`; an LEI is checked.',
  });

/** A supplier identifier. */
export type Identifier = z.infer<typeof identifierSchema>;
