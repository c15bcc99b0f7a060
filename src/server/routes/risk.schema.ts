/**
 * The answer of `GET /api/v1/analysis/risk` as a zod schema: the route validates and documents with it, and the
 * web application takes its types from it (`z.infer`). Only zod here.
 */
import { z } from 'zod';

/** A loss exceedance curve: the probability that a year loses `loss` or more, on a log scale of losses. */
export const exceedanceSchema = z.array(z.object({ loss: z.number(), probability: z.number() })).meta({
  description:
    '50 losses spaced evenly on a log scale from the smallest annual loss over 0 to the largest, each with the share of simulated years that lost at least that much.',
});

const money = (description: string) => z.number().nullable().meta({ description });

/** One risk: its scores, and its quantified figures (null when it has no frequency, or no cost to draw). */
export const riskFiguresSchema = z.object({
  id: z.string(),
  score: z.int().meta({ description: 'Inherent likelihood x impact.' }),
  residualScore: z
    .int()
    .nullable()
    .meta({ description: 'Residual likelihood x impact; null when not assessed.' }),
  aboveAppetite: z
    .boolean()
    .meta({ description: 'The residual score (else the inherent one) is over the policy appetite.' }),
  frequencyMean: z
    .number()
    .nullable()
    .meta({ description: 'Mean events a year: (min + 4 likely + max) / 6.' }),
  lossPerEventMean: money("Mean loss of one event: the loss range's mean, or the scenario's computed cost."),
  ale: money('Annualised loss expectancy: the mean annual loss.'),
  p50: money('Median annual loss.'),
  p90: money('Annual loss not exceeded in 90% of years.'),
  p95: money('Annual loss not exceeded in 95% of years.'),
  p99: money('Annual loss not exceeded in 99% of years.'),
  probabilityOfLoss: z.number().nullable().meta({ description: 'The share of years with any loss.' }),
  exceedance: exceedanceSchema.nullable(),
  suggestedImpact: z
    .int()
    .nullable()
    .meta({ description: "The scenario's peak BIA level on the risk impact scale; null without one." }),
});

/** `GET /api/v1/analysis/risk` and `lifeboat analyze risk --json`. */
export const riskAnalysisSchema = z
  .object({
    currency: z.string().meta({ description: 'ISO 4217 code of every amount.' }),
    runs: z.int().meta({ description: 'Years simulated per risk.' }),
    seed: z.int().meta({ description: 'The seed: the same seed on the same catalog gives the same answer.' }),
    appetite: z.int().meta({ description: 'The highest acceptable likelihood x impact score.' }),
    risks: z.array(riskFiguresSchema).meta({ description: 'By id.' }),
    portfolio: z
      .object({
        ale: money('The sum of the risks ALEs.'),
        p90: money('Annual loss of all risks together not exceeded in 90% of years.'),
        p95: money('Annual loss of all risks together not exceeded in 95% of years.'),
        p99: money('Annual loss of all risks together not exceeded in 99% of years.'),
        exceedance: exceedanceSchema,
      })
      .meta({ description: 'The quantified risks added year by year (independent risks).' }),
    suggested: z.array(z.object({ node: z.string(), services: z.array(z.string()) })).meta({
      description:
        'Single points of failure of tier 1 and 2 services that no Risk names in scenario.fail, ranked by the services each takes down alone (weighted by tier).',
    }),
  })
  .meta({ id: 'RiskAnalysis' });

/** What `GET /api/v1/analysis/risk` answers. */
export type RiskAnalysisAnswer = z.infer<typeof riskAnalysisSchema>;
