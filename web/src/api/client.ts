/**
 * The one place the web application talks HTTP: JSON in and out, problem+json errors turned into `ApiError`,
 * and a 401 from any call sends the user to the login page.
 */

/** A field error as the server reports it: `path` like `spec.tier` or `spec.dependsOn[1].of[0]`. */
export interface FieldError {
  path: string;
  message: string;
}

/** RFC 9457 problem details, with the extension members the Lifeboat API uses. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  current?: unknown;
  referrers?: { id: string; kind: string; path: string }[];
  requestId?: string;
}

/** An answer that was not 2xx; `problem` holds what the server said, or a stand-in built from the status. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  /** The server's Retry-After, in seconds, when it asked to be asked again later (429, 503). */
  readonly retryAfterSeconds: number | undefined;
  constructor(problem: Problem, retryAfterSeconds?: number) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Whether an error is an `ApiError` with one of the statuses given. */
export function isApiError(error: unknown, ...statuses: number[]): error is ApiError {
  return error instanceof ApiError && (statuses.length === 0 || statuses.includes(error.status));
}

let onUnauthorized: (() => void) | undefined;

/** Registers what to do when the server answers 401 (the app shell navigates to the login page). */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

/** Query parameters: undefined and empty strings are left out; arrays repeat the key. */
export type Query = Record<string, string | number | string[] | undefined>;

/** Builds `/api/v1/...?a=b` from a path and query parameters. */
export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === '') continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  }
  const search = params.toString();
  return `/api/v1${path}${search ? `?${search}` : ''}`;
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Do not redirect to the login page on 401 (the session probe and the login form handle it). */
  allowUnauthorized?: boolean;
}

async function problemOf(response: Response): Promise<Problem> {
  const fallback: Problem = {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    detail: `The server answered ${response.status} ${response.statusText}`.trim(),
  };
  try {
    const body = (await response.json()) as Partial<Problem>;
    return { ...fallback, ...body, status: response.status };
  } catch {
    return fallback;
  }
}

/** Sends one request to the API and returns the parsed JSON answer (undefined for 204). */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      body,
      signal: options.signal,
      credentials: 'same-origin',
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({
      type: 'urn:lifeboat:problem:network',
      title: 'Server unreachable',
      status: 0,
      detail: 'The Lifeboat server did not answer; check that it is running and your network.',
    });
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    if (response.status === 401 && !options.allowUnauthorized) onUnauthorized?.();
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new ApiError(problem, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}
