import { createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort, whenAccepting } from './squid';

describe('whenAccepting (squid readiness: it logs "Accepting" a moment before it accepts)', () => {
  it('waits through refusals until the port takes a connection', async () => {
    const port = await freePort();
    const server: Server = createServer((c) => c.destroy());
    let tries = 0;
    server.on('connection', () => { tries += 1; });
    const ready = whenAccepting(port, { retryMs: 5, timeoutMs: 10_000 });
    // Refused for now: listen only after the first refusal has been seen and retried.
    setTimeout(() => server.listen(port, '127.0.0.1'), 30);
    await ready;
    expect(tries).toBe(1);
    await new Promise<void>((res) => server.close(() => res()));
  });

  it('gives up with a clear error when nothing ever listens', async () => {
    const port = await freePort();
    await expect(whenAccepting(port, { retryMs: 5, timeoutMs: 50 })).rejects.toThrow(`squid on port ${port} does not take connections`);
  });
});
