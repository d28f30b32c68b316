import { existsSync } from 'fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { HubService } from 'nestjs-jsonrpc-ws';
import { AppModule } from '../apps/demo/src/app.module';
import { configureApp } from '../apps/demo/src/configure-app';
import { RunningApp, startApp } from './utils/test-app';

/** Debian's Chromium (`.ci/run` installs it), or one named by CHROMIUM_PATH. */
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (path): path is string => !!path && existsSync(path),
);
if (!CHROMIUM && process.env.CI) throw new Error('Chromium is missing: .ci/run installs it');

/** Two people chat on the demo page in headless Chromium, across a server restart. */
describe.skipIf(!CHROMIUM)('Demo page in a browser', () => {
  let running: RunningApp;
  let browser: Browser;
  const start = (port = 0) =>
    startApp({ imports: [AppModule] }, configureApp, { logger: false }, undefined, port);

  beforeAll(async () => {
    running = await start();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await running?.app.close();
  });

  async function join(name: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await page.goto(running.http('/'));
    await page.fill('#name', name);
    await page.click('#login');
    await page.waitForSelector('#chat:not([hidden])');
    await page.click('#join');
    await page.waitForSelector('#text:not([disabled])');
    return page;
  }

  async function say(page: Page, text: string): Promise<void> {
    await page.fill('#text', text);
    await page.click('#send');
  }

  const said = (page: Page, text: string) =>
    page.waitForSelector(`#messages li:has-text("${text}")`, { timeout: 10_000 });

  it('lets two people chat, shows who is online, and reconnects both after a restart', async () => {
    const ada = await join('ada');
    const bob = await join('bob');
    await ada.waitForSelector('#members li:has-text("bob")');
    await bob.waitForSelector('#members li:has-text("ada")');

    await say(ada, 'hello bob');
    await said(bob, 'ada: hello bob');
    await say(bob, 'hi ada');
    await said(ada, 'bob: hi ada');

    const port = running.port;
    await running.app.close();
    for (const page of [ada, bob]) await page.waitForSelector('#state[data-state="disconnected"]');
    running = await start(port);
    for (const page of [ada, bob]) {
      await page.waitForSelector('#state[data-state="connected"]', { timeout: 15_000 });
      await page.waitForSelector('#messages li:has-text("Reconnected, back in lobby")');
      // The restarted server kept no history (it was in memory): the page says so.
      await page.waitForSelector('#messages li:has-text("History lost")');
    }
    await bob.waitForSelector('#members li:has-text("ada")');

    await say(bob, 'still there?');
    await said(ada, 'bob: still there?');
    await say(ada, 'yes');
    await said(bob, 'ada: yes');
  }, 60_000);

  it('a page whose connection is cut shows the messages it missed, once, after it reconnects', async () => {
    const carol = await join('carol');
    const hub = running.app.get(HubService);
    const [connection] = await hub.getConnections('carol');
    // Cut on the server's side, as a lost network does: no close frame reaches the page.
    hub.getSession(connection!.connectionId)!.socket.terminate();
    for (const n of [1, 2, 3])
      await hub.pushToTopic('room:lobby', 'chat.message', {
        room: 'lobby',
        from: 'ops',
        text: `missed ${n}`,
      });
    await carol.waitForSelector('#messages li:has-text("3 missed messages recovered")', {
      timeout: 15_000,
    });
    await carol.waitForSelector('#messages li:has-text("Reconnected, back in lobby")');
    await hub.pushToTopic('room:lobby', 'chat.message', {
      room: 'lobby',
      from: 'ops',
      text: 'live',
    });
    await said(carol, 'ops: live');
    const lines = await carol.$$eval('#messages li', (items) =>
      items.map((item) => item.textContent),
    );
    expect(lines.filter((line) => line?.startsWith('ops: '))).toEqual([
      'ops: missed 1',
      'ops: missed 2',
      'ops: missed 3',
      'ops: live',
    ]);
  }, 30_000);

  it("a browser's EventSource listens to a room over SSE with a token from auth.login", async () => {
    const ada = await join('ada');
    const listener = await (await browser.newContext()).newPage();
    await listener.goto(running.http('/'));
    // A token of another platform: the stream must not replace a WebSocket session of carol.
    const received = listener.evaluate(async () => {
      // Browser globals, which the tests' Node typings do not declare.
      const page = globalThis as unknown as {
        location: { host: string };
        document: { title: string };
      };
      const ws = new WebSocket(`ws://${page.location.host}/ws`);
      await new Promise((resolve) => ws.addEventListener('open', resolve));
      ws.send(
        JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'auth.login',
          params: { username: 'carol', password: 'demo', platform: 'sse' },
        }),
      );
      const reply = await new Promise<MessageEvent>((resolve) =>
        ws.addEventListener('message', resolve),
      );
      const { token } = (JSON.parse(reply.data as string) as { result: { token: string } }).result;
      ws.close();
      const events = new EventSource(`/sse?access_token=${token}&topics=room:lobby`);
      await new Promise((resolve) => events.addEventListener('open', resolve));
      page.document.title = 'listening';
      const message = await new Promise<MessageEvent>((resolve) =>
        events.addEventListener('chat.message', resolve as (event: Event) => void),
      );
      events.close();
      return { data: JSON.parse(message.data as string) as unknown, id: message.lastEventId };
    });
    await listener.waitForFunction(
      () =>
        (globalThis as unknown as { document: { title: string } }).document.title === 'listening',
    );
    await say(ada, 'to the stream');
    expect(await received).toEqual({
      data: expect.objectContaining({ from: 'ada', text: 'to the stream', room: 'lobby' }),
      // Rooms keep history: the id is the stream's position, which Last-Event-ID resumes from.
      id: expect.stringMatching(/^[A-Za-z0-9_-]+$/),
    });
  }, 30_000);

  it('links from the chat page to an API page rendered from rpc.discover', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(running.http('/'));
    await page.click('#api-link');
    await page.waitForSelector('#methods section.method');
    const methods = await page.$$eval('#methods section.method', (sections) =>
      sections.map((section) => section.id),
    );
    expect(methods).toEqual(expect.arrayContaining(['method-chat.send', 'method-subtract']));
    const send = page.locator('[id="method-chat.send"]');
    expect(await send.locator('tr.param').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('text'), expect.stringContaining('room')]),
    );
    expect(await send.textContent()).toContain('-32029 Too many requests');
    await page.waitForSelector('[id="notification-chat.message"]');
    expect(await page.isHidden('#error')).toBe(true);
    await page.close();
  }, 30_000);
});
