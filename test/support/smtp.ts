import { simpleParser } from 'mailparser';
import type { ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

/** A real SMTP server on 127.0.0.1 that keeps every message it receives, parsed. */
export interface TestSmtpServer {
  /** `smtp://127.0.0.1:<port>`, for LIFEBOAT_SMTP_URL. */
  url: string;
  /** Every message received so far, in order. */
  messages: ParsedMail[];
  /** Resolves once `count` messages have arrived (no time limit: the test runner's own timeout applies). */
  waitFor(count: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

/**
 * Starts an SMTP server on 127.0.0.1, on a free port (or `port`, to bring a stopped server back), accepting any
 * sender and recipient without TLS or auth.
 */
export async function startSmtpServer(port = 0): Promise<TestSmtpServer> {
  const messages: ParsedMail[] = [];
  const waiters: { count: number; resolve: (messages: ParsedMail[]) => void }[] = [];
  const settle = () => {
    for (const waiter of [...waiters]) {
      if (messages.length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(messages);
      }
    }
  };
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          settle();
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    messages,
    waitFor(count) {
      return new Promise((resolve) => {
        waiters.push({ count, resolve });
        settle();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
