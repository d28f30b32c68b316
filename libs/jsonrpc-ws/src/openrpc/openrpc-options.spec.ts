import { JsonRpcWsBootstrapError } from '../errors/jsonrpc-ws-bootstrap.error';
import { resolveOptions } from '../options/jsonrpc-ws-options.resolver';
import type { JsonRpcWsOpenRpcOptions } from './openrpc-options';

describe('the openrpc option', () => {
  it('is kept as given', () => {
    const openrpc: JsonRpcWsOpenRpcOptions = {
      info: { title: 'x' },
      notifications: [{ name: 'chat.message' }],
      public: false,
    };
    expect(resolveOptions({ openrpc }).openrpc).toBe(openrpc);
  });

  it.each<[string, unknown]>([
    ['openrpc', 'yes'],
    ['openrpc.notifications', { notifications: { name: 'x' } }],
    ['openrpc.notifications[0].name', { notifications: [{ name: '' }] }],
    ['openrpc.servers', { servers: '/ws' }],
    ['openrpc.info.title', { info: { title: 42 } }],
    ['openrpc.public', { public: 'no' }],
  ])('refuses a malformed %s, naming it', (option, openrpc) => {
    const resolve = () => resolveOptions({ openrpc: openrpc as JsonRpcWsOpenRpcOptions });

    expect(resolve).toThrow(JsonRpcWsBootstrapError);
    expect(resolve).toThrow(`"${option}"`);
  });

  it('turns rpc.discover off with builtInMethods.discover, and refuses a typo', () => {
    expect(resolveOptions({ builtInMethods: { discover: false } }).builtInMethods.discover).toBe(
      false,
    );
    expect(() => resolveOptions({ builtInMethods: { discovr: false } as object })).toThrow(
      'did you mean "builtInMethods.discover"',
    );
  });
});
