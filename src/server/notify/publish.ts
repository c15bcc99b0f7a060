import { absoluteUrl } from './email-layout.ts';
import type { EventMessage, Notifier } from './types.ts';

/**
 * Publishes an event without ever failing the caller: the change that raised it is already committed, so a
 * notifier failure is handed to `onError` (to be logged) and goes no further.
 */
export async function publishSafely(
  notifier: Notifier | undefined,
  message: EventMessage,
  onError: (error: unknown) => void = () => undefined,
): Promise<void> {
  if (!notifier) return;
  try {
    await notifier.publish(message);
  } catch (error) {
    onError(error);
  }
}

/** The absolute link to a page of the web application: `pageUrl(publicUrl, 'plans', 'p1')`. */
export function pageUrl(publicUrl: string, ...segments: string[]): string {
  return absoluteUrl(publicUrl, `/${segments.map(encodeURIComponent).join('/')}`);
}
