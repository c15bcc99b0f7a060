import { request as httpRequest } from 'node:http';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { request as httpsRequest } from 'node:https';
import { checkWebhookTarget } from './webhook-target.ts';
import type { Resolver } from './webhook-target.ts';

/** What one attempt got: the status code and the start of the answer, or the error that stopped it. */
export interface AttemptResult {
  statusCode: number | null;
  error: string | null;
  responseExcerpt: string | null;
  durationMs: number;
}

/** How much of an answer is kept in the delivery log. */
const EXCERPT_LENGTH = 500;

/** Options of one POST. */
export interface PostOptions {
  allowPrivate: boolean;
  timeoutMs: number;
  resolve?: Resolver;
}

/**
 * POSTs `body` to `url`. The host is resolved and checked now (DNS may have changed since the endpoint was
 * registered), and the connection goes to the very address checked, never to a second answer of the resolver.
 * Never throws: a refusal, a network error or a timeout is the result's `error`.
 */
export async function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: PostOptions,
): Promise<AttemptResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let address: string;
  try {
    const addresses = await checkWebhookTarget(url, {
      allowPrivate: options.allowPrivate,
      ...(options.resolve && { resolve: options.resolve }),
    });
    address = addresses[0]!;
  } catch (error) {
    return {
      statusCode: null,
      error: `refused: ${(error as Error).message}`,
      responseExcerpt: null,
      durationMs: elapsed(),
    };
  }
  const family = isIP(address);
  // The connection is pinned to the checked address; Host and TLS name still come from the URL.
  const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<AttemptResult>((resolve) => {
    const request = send(
      target,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
        lookup: pinned,
        timeout: options.timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            statusCode: response.statusCode ?? null,
            error: null,
            responseExcerpt: text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH)}…` : text,
            durationMs: elapsed(),
          });
        };
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          // Enough for the log: a receiver that keeps sending is not read to its end.
          if (size >= EXCERPT_LENGTH * 4) {
            finish();
            response.destroy();
          }
        });
        response.on('end', finish);
        response.on('error', (error) =>
          resolve({
            statusCode: response.statusCode ?? null,
            error: error.message,
            responseExcerpt: null,
            durationMs: elapsed(),
          }),
        );
      },
    );
    // A whole attempt, not only a silent socket, is bounded: a receiver that trickles its answer is cut off too.
    const deadline = setTimeout(
      () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    request.on('close', () => clearTimeout(deadline));
    request.on('timeout', () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    request.on('error', (error) =>
      resolve({ statusCode: null, error: error.message, responseExcerpt: null, durationMs: elapsed() }),
    );
    request.end(body);
  });
}
