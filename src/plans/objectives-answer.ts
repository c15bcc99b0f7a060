import { gapBreaches } from './objectives.ts';
import type { ObjectivesGap } from './objectives.ts';

/**
 * The objectives gap as its JSON answer, with where each service's object lies in it: a filter then copies the
 * slices it keeps instead of parsing the whole answer again (88.5 MB for 100k nodes and 100 scenarios), so it
 * costs the size of what it answers. Typed arrays and one list of ids: cheap to send from a worker thread.
 */
export interface ObjectivesAnswer {
  /** Exactly `JSON.stringify(gap)`. */
  json: string;
  /** Where the services' array starts: just after its `[`. */
  servicesStart: number;
  /** The services' ids, in the answer's order. */
  ids: string[];
  tiers: Uint8Array;
  /** 1 when the service breaches its RTO or RPO in at least one scenario (`gapBreaches`). */
  breached: Uint8Array;
  /** Service i's object is `json.slice(starts[i], ends[i])`. */
  starts: Int32Array;
  ends: Int32Array;
}

/** What `GET /api/v1/analysis/objectives` may keep: every condition given must hold. */
export interface ObjectivesFilter {
  tier?: number;
  /** True: only services with at least one breach; false: only services without any. */
  breaches?: boolean;
  service?: string;
}

/** Serialises the gap once, recording each service's slice (see `ObjectivesAnswer`). */
export function objectivesAnswer(gap: ObjectivesGap): ObjectivesAnswer {
  const breaching = new Set(gapBreaches(gap).map((breach) => breach.service));
  const head = `{"scenarios":${JSON.stringify(gap.scenarios)},"services":[`;
  const count = gap.services.length;
  const parts: string[] = [head];
  const answer = {
    servicesStart: head.length,
    ids: new Array<string>(count),
    tiers: new Uint8Array(count),
    breached: new Uint8Array(count),
    starts: new Int32Array(count),
    ends: new Int32Array(count),
  };
  let at = head.length;
  gap.services.forEach((service, i) => {
    const text = JSON.stringify(service);
    if (i > 0) {
      parts.push(',');
      at += 1;
    }
    parts.push(text);
    answer.ids[i] = service.id;
    answer.tiers[i] = service.tier;
    answer.breached[i] = breaching.has(service.id) ? 1 : 0;
    answer.starts[i] = at;
    at += text.length;
    answer.ends[i] = at;
  });
  parts.push(']}');
  return { json: parts.join(''), ...answer };
}

/**
 * The answer with only the services the filter keeps (every scenario stays, so the shape is the same); the
 * whole answer without a condition. Undefined when `filter.service` names no service of the answer.
 */
export function filterObjectives(answer: ObjectivesAnswer, filter: ObjectivesFilter): string | undefined {
  const { tier, breaches, service } = filter;
  if (tier === undefined && breaches === undefined && service === undefined) return answer.json;
  let only: number | undefined;
  if (service !== undefined) {
    only = answer.ids.indexOf(service);
    if (only === -1) return undefined;
  }
  const kept: string[] = [];
  const keep = (i: number) =>
    (tier === undefined || answer.tiers[i] === tier) &&
    (breaches === undefined || (answer.breached[i] === 1) === breaches);
  if (only !== undefined) {
    if (keep(only)) kept.push(answer.json.slice(answer.starts[only], answer.ends[only]));
  } else
    for (let i = 0; i < answer.ids.length; i++)
      if (keep(i)) kept.push(answer.json.slice(answer.starts[i], answer.ends[i]));
  return `${answer.json.slice(0, answer.servicesStart)}${kept.join(',')}]}`;
}
