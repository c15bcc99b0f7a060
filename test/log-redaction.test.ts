import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactUrl } from '../src/server/http/log-redaction.ts';
import { createTestApp } from './support/test-app.ts';
import type { TestApp } from './support/test-app.ts';

describe('request logs', () => {
  const lines: string[] = [];
  let t: TestApp;
  beforeAll(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    t = await createTestApp('sqlite', { logger: { level: 'info', stream } });
  });
  afterAll(() => t.close());

  it('never show an acknowledgement token, a one-time link token or a sign-in code', async () => {
    await t.server.inject({ method: 'GET', url: '/ack/ackSecret123' });
    await t.server.inject({ method: 'POST', url: '/api/v1/ack/ackSecret456', payload: {} });
    await t.server.inject({ method: 'GET', url: '/set-password?token=linkSecret789&x=1' });
    await t.server.inject({
      method: 'GET',
      url: '/api/v1/auth/oidc/callback?code=codeSecret&state=stateSecret',
    });
    const logged = lines.join('\n');
    expect(logged).toContain('/ack/[redacted]');
    expect(logged).toContain('/api/v1/ack/[redacted]');
    expect(logged).toContain('token=[redacted]&x=1');
    for (const secret of ['ackSecret123', 'ackSecret456', 'linkSecret789', 'codeSecret', 'stateSecret'])
      expect(logged).not.toContain(secret);
  });

  it('keep every other URL as it was', () => {
    expect(redactUrl('/api/v1/services/payments?kind=Service')).toBe(
      '/api/v1/services/payments?kind=Service',
    );
    expect(redactUrl('/api/v1/acknowledgements?tokens=3')).toBe('/api/v1/acknowledgements?tokens=3');
  });
});
