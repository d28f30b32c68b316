import { JsonRpcWsModule } from 'nestjs-jsonrpc-ws';
import { WebSocket } from 'ws';
import { RESOLVED_OPTIONS } from '../libs/jsonrpc-ws/src/jsonrpc-ws.constants';
import { verifyTestToken } from './fixtures/hub.fixture';
import { CapturingLogger } from './support/capturing-logger';
import { startApp } from './utils/test-app';
import { TestClient } from './utils/test-client';

/**
 * What a new user meets first: the quick start keeps its clients (no anonymous
 * timeout without a way to log in), and a refused upgrade says why in the log.
 */

describe('Defaults that fit the app', () => {
  it('keeps anonymous clients open when nothing can log them in', async () => {
    const running = await startApp({ imports: [JsonRpcWsModule.forRoot()] });
    const { anonymousTimeoutMs } = running.app.get<{ anonymousTimeoutMs: number }>(
      RESOLVED_OPTIONS,
    );
    expect(anonymousTimeoutMs).toBe(0);
    await running.app.close();
  });

  it('applies the 30 s anonymous timeout when verifyToken or authenticate can log clients in', async () => {
    for (const options of [{ verifyToken: verifyTestToken }, { authenticate: () => undefined }]) {
      const running = await startApp({ imports: [JsonRpcWsModule.forRoot(options)] });
      expect(
        running.app.get<{ anonymousTimeoutMs: number }>(RESOLVED_OPTIONS).anonymousTimeoutMs,
      ).toBe(30_000);
      await running.app.close();
    }
  });
});

describe('Refused upgrades are logged', () => {
  it('says once, as a warning, why an origin was refused, and what decides', async () => {
    const logger = new CapturingLogger();
    const running = await startApp({ imports: [JsonRpcWsModule.forRoot()] }, undefined, { logger });
    for (let i = 0; i < 3; i++) {
      const refused = await TestClient.connect(running.url(), {
        origin: 'https://evil.example',
      }).then(
        () => 'opened',
        (error: Error) => error.message,
      );
      expect(refused).toBe('Unexpected response 403');
    }
    const warnings = logger.at('warn').filter((line) => line.message.includes('WebSocket upgrade'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(
      /refused with 403: Origin not allowed \(Origin https:\/\/evil\.example, Host 127\.0\.0\.1:\d+: the allowedOrigins option decides\)/,
    );
    // Clients without an Origin (servers, CLIs) still connect.
    const client = new WebSocket(running.url());
    await new Promise((resolve, reject) => {
      client.once('open', resolve);
      client.once('error', reject);
    });
    client.close();
    await running.app.close();
  });
});
