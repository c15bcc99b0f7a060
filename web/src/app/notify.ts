/** Notifications: one place that turns an error into a message a person can act on. */
import { notifications } from '@mantine/notifications';
import { isApiError } from '../api/client';

/** Shows an error: a problem+json answer's title and `detail`, or the error's message. */
export function notifyError(error: unknown): void {
  // A 401 already sent the user to the login page.
  if (isApiError(error, 401)) return;
  if (error instanceof DOMException && error.name === 'AbortError') return;
  const title = isApiError(error) ? error.problem.title : 'Something went wrong';
  const message = error instanceof Error ? error.message : String(error);
  notifications.show({ color: 'red', title, message, autoClose: 8000 });
}

/** Shows a short confirmation. */
export function notifySuccess(message: string): void {
  notifications.show({ color: 'green', message, autoClose: 3000 });
}
