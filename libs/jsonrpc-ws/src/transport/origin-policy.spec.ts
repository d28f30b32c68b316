import type { IncomingMessage } from 'http';
import { isOriginAllowed } from './origin-policy';

/** A fake upgrade request: isOriginAllowed reads its headers and whether it came over TLS. */
function upgrade(
  headers: { origin?: string; host?: string; 'x-forwarded-proto'?: string },
  tls = false,
): IncomingMessage {
  return { headers, socket: { encrypted: tls } } as unknown as IncomingMessage;
}

describe('isOriginAllowed', () => {
  describe('requests without an Origin header (not from a browser)', () => {
    it.each<[string, Parameters<typeof isOriginAllowed>[1]]>([
      ['same-origin', 'same-origin'],
      ['an empty list', []],
      ['a list', ['https://app.example.com']],
      ['a refusing function', () => false],
    ])('are allowed under %s', (_label, policy) => {
      expect(isOriginAllowed(upgrade({ host: 'api.example.com' }), policy)).toBe(true);
    });

    it('are allowed under same-origin even without a Host header', () => {
      expect(isOriginAllowed(upgrade({}), 'same-origin')).toBe(true);
    });

    it('do not call a function policy', () => {
      const policy = vi.fn(() => false);

      isOriginAllowed(upgrade({ host: 'a.example' }), policy);

      expect(policy).not.toHaveBeenCalled();
    });
  });

  describe("'same-origin'", () => {
    /** Over TLS when the origin is https: what a browser on that page would reach. */
    const allowed = (origin: string, host?: string) =>
      isOriginAllowed(upgrade({ origin, host }, /^https:/i.test(origin)), 'same-origin');

    it('refuses an origin with another scheme: an https page on an http server, and back', () => {
      expect(
        isOriginAllowed(
          upgrade({ origin: 'https://127.0.0.1:3999', host: '127.0.0.1:3999' }),
          'same-origin',
        ),
      ).toBe(false);
      expect(
        isOriginAllowed(
          upgrade({ origin: 'http://app.example.com', host: 'app.example.com' }, true),
          'same-origin',
        ),
      ).toBe(false);
    });

    it('takes the scheme from X-Forwarded-Proto behind a TLS-ending proxy', () => {
      const proxied = (proto: string) =>
        isOriginAllowed(
          upgrade({
            origin: 'https://app.example.com',
            host: 'app.example.com',
            'x-forwarded-proto': proto,
          }),
          'same-origin',
        );
      expect(proxied('https')).toBe(true);
      expect(proxied('https, http')).toBe(true);
      expect(proxied('http')).toBe(false);
    });

    it('allows an origin whose host equals the Host header', () => {
      expect(allowed('https://app.example.com', 'app.example.com')).toBe(true);
      expect(allowed('http://localhost:3000', 'localhost:3000')).toBe(true);
      expect(allowed('http://[::1]:8080', '[::1]:8080')).toBe(true);
    });

    it('compares hosts case-insensitively', () => {
      expect(allowed('https://APP.Example.com', 'app.example.com')).toBe(true);
      expect(allowed('https://app.example.com', 'App.EXAMPLE.com')).toBe(true);
      expect(allowed('HTTPS://APP.EXAMPLE.COM/', 'app.example.com')).toBe(true);
    });

    it('treats an explicit default port in Host like none', () => {
      expect(
        isOriginAllowed(
          upgrade({ origin: 'https://example.com', host: 'example.com:443' }, true),
          'same-origin',
        ),
      ).toBe(true);
      expect(
        isOriginAllowed(
          upgrade({ origin: 'http://example.com', host: 'example.com:80' }),
          'same-origin',
        ),
      ).toBe(true);
      expect(
        isOriginAllowed(
          upgrade({ origin: 'http://example.com', host: 'example.com:443' }),
          'same-origin',
        ),
      ).toBe(false);
    });

    it('refuses an origin on another host', () => {
      expect(allowed('https://evil.example', 'app.example.com')).toBe(false);
      expect(allowed('https://app.example.com.evil.example', 'app.example.com')).toBe(false);
      expect(allowed('https://example.com', 'app.example.com')).toBe(false);
    });

    it('refuses an origin on the same hostname but another port', () => {
      expect(allowed('http://localhost:3001', 'localhost:3000')).toBe(false);
      expect(allowed('http://localhost', 'localhost:3000')).toBe(false);
      expect(allowed('http://localhost:3000', 'localhost')).toBe(false);
    });

    it('takes localhost, 127.0.0.1 and [::1] for one another, on the same scheme and port', () => {
      expect(allowed('http://localhost:3001', '127.0.0.1:3001')).toBe(true);
      expect(allowed('http://127.0.0.1:3001', 'localhost:3001')).toBe(true);
      expect(allowed('http://[::1]:3001', 'localhost:3001')).toBe(true);
      expect(allowed('http://app.localhost:3001', '127.0.0.1:3001')).toBe(true);
      expect(allowed('http://localhost:3002', '127.0.0.1:3001')).toBe(false);
      const httpsPage = upgrade({ origin: 'https://localhost:3001', host: '127.0.0.1:3001' });
      expect(isOriginAllowed(httpsPage, 'same-origin')).toBe(false);
      expect(allowed('http://localhost.evil.example:3001', '127.0.0.1:3001')).toBe(false);
      expect(allowed('http://127.0.0.1.evil.example:3001', '127.0.0.1:3001')).toBe(false);
      expect(allowed('http://localhost:3001', '192.168.1.5:3001')).toBe(false);
    });

    it('refuses the "null" origin of sandboxed frames and file: pages', () => {
      expect(allowed('null', 'app.example.com')).toBe(false);
      expect(allowed('null', 'null')).toBe(false);
    });

    it('refuses an origin that is not a URL', () => {
      expect(allowed('app.example.com', 'app.example.com')).toBe(false);
      expect(allowed('', 'app.example.com')).toBe(false);
    });

    it('refuses a browser origin when the request has no Host header', () => {
      expect(allowed('https://app.example.com')).toBe(false);
    });
  });

  describe("'*'", () => {
    it.each([['https://evil.example'], ['null'], ['not a url']])('allows %p', (origin) => {
      expect(isOriginAllowed(upgrade({ origin, host: 'app.example.com' }), '*')).toBe(true);
    });
  });

  describe('a list of origins', () => {
    const list = ['https://app.example.com', 'http://localhost:3000/', 'https://Admin.Example.com'];
    const allowed = (origin: string) =>
      isOriginAllowed(upgrade({ origin, host: 'api.example.com' }), list);

    it('allows an origin of the list', () => {
      expect(allowed('https://app.example.com')).toBe(true);
    });

    it('ignores case on either side', () => {
      expect(allowed('https://APP.example.com')).toBe(true);
      expect(allowed('https://admin.example.com')).toBe(true);
    });

    it('ignores trailing slashes and surrounding spaces on either side', () => {
      expect(allowed('https://app.example.com/')).toBe(true);
      expect(allowed('http://localhost:3000')).toBe(true);
      expect(allowed('  https://app.example.com  ')).toBe(true);
    });

    it('refuses an origin not on the list, even the one of the server itself', () => {
      expect(allowed('https://evil.example')).toBe(false);
      expect(allowed('https://api.example.com')).toBe(false);
    });

    it('compares whole origins: scheme, host and port must all match', () => {
      expect(allowed('http://app.example.com')).toBe(false);
      expect(allowed('https://app.example.com:8443')).toBe(false);
      expect(allowed('http://localhost:3001')).toBe(false);
      expect(allowed('https://sub.app.example.com')).toBe(false);
    });

    it('refuses the "null" origin unless it is listed', () => {
      expect(allowed('null')).toBe(false);
      expect(isOriginAllowed(upgrade({ origin: 'null' }), ['null'])).toBe(true);
    });

    it('refuses every browser origin when the list is empty', () => {
      expect(isOriginAllowed(upgrade({ origin: 'https://app.example.com' }), [])).toBe(false);
    });
  });

  describe('a function', () => {
    it('receives the origin as sent and the request, and decides', () => {
      const request = upgrade({ origin: 'https://App.example.com', host: 'h' });
      const policy = vi.fn((origin: string) => origin.endsWith('.example.com'));

      expect(isOriginAllowed(request, policy)).toBe(true);
      expect(policy).toHaveBeenCalledWith('https://App.example.com', request);
      expect(isOriginAllowed(upgrade({ origin: 'https://evil.example' }), policy)).toBe(false);
    });

    it('allows only when the function returns exactly true', () => {
      const request = upgrade({ origin: 'https://app.example.com' });
      const returning = (value: unknown) => (() => value) as () => boolean;

      expect(isOriginAllowed(request, returning(true))).toBe(true);
      expect(isOriginAllowed(request, returning(1))).toBe(false);
      expect(isOriginAllowed(request, returning('yes'))).toBe(false);
      expect(isOriginAllowed(request, returning({}))).toBe(false);
      expect(isOriginAllowed(request, returning(undefined))).toBe(false);
    });

    it('refuses when the function throws, without letting the error out', () => {
      const policy = () => {
        throw new Error('policy bug');
      };

      expect(() => isOriginAllowed(upgrade({ origin: 'https://a.example' }), policy)).not.toThrow();
      expect(isOriginAllowed(upgrade({ origin: 'https://a.example' }), policy)).toBe(false);
    });
  });
});
