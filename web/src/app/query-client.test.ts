import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { retryDelay, shouldRetry } from './query-client';

const problem = (status: number) => ({ type: 'about:blank', title: 'x', status, detail: 'x' });

describe('query retries', () => {
  it('asks again after a 429 for as long as the server says, a few times, and not after other refusals', () => {
    const busy = new ApiError(problem(429), 3);
    expect(shouldRetry(0, busy)).toBe(true);
    expect(shouldRetry(5, busy)).toBe(true);
    expect(shouldRetry(6, busy)).toBe(false);
    expect(retryDelay(1, busy)).toBe(3000);
    expect(retryDelay(1, new ApiError(problem(429), 60))).toBe(10_000);
    expect(shouldRetry(0, new ApiError(problem(404)))).toBe(false);
    expect(shouldRetry(0, new ApiError(problem(500)))).toBe(false);
  });

  it('asks again twice after a network failure, backing off', () => {
    const unreachable = new ApiError(problem(0));
    expect(shouldRetry(1, unreachable)).toBe(true);
    expect(shouldRetry(2, unreachable)).toBe(false);
    expect(retryDelay(1, unreachable)).toBe(2000);
  });
});
