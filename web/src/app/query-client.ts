/** The QueryClient: problem+json errors become notifications, unless the caller shows them itself. */
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { notifyError } from './notify';
import { isApiError } from '../api/client';

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: { silent?: boolean };
    mutationMeta: { silent?: boolean };
  }
}

/** How many times a read the server turned away as busy (429, with Retry-After) is asked again. */
const BUSY_RETRIES = 6;

/**
 * Whether a failed read is asked again: a network blip twice, another failure three times; a 429 (a page's analyses beyond the server's per-user
 * share, or a full queue) after the time the server gives; any other 4xx or 5xx will not improve by asking again.
 */
export function shouldRetry(failures: number, error: unknown): boolean {
  if (!isApiError(error)) return failures < 3;
  if (error.status === 0) return failures < 2;
  return error.status === 429 && failures < BUSY_RETRIES;
}

/** How long to wait before asking again: the server's Retry-After (at most 10 s), else a short back-off. */
export function retryDelay(failures: number, error: unknown): number {
  const after = isApiError(error) ? error.retryAfterSeconds : undefined;
  if (after !== undefined) return Math.min(after, 10) * 1000;
  return Math.min(1000 * 2 ** failures, 10_000);
}

/** Builds the application's QueryClient. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (!query.meta?.silent) notifyError(error);
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (!mutation.meta?.silent) notifyError(error);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        retry: shouldRetry,
        retryDelay,
      },
    },
  });
}
