import { Logger } from '@nestjs/common';
import type { ExternalContextCreator } from '@nestjs/core';
import { Reflector } from '@nestjs/core';
import { RpcHandlerFactory } from './rpc-handler.factory';
import { RpcMetadataAccessor } from '../discovery/rpc-metadata.accessor';
import { resolveOptions } from '../options/jsonrpc-ws-options.resolver';

class EchoRpc {
  echo(value: unknown): unknown {
    return value;
  }
}

/** An ExternalContextCreator of some other Nest version: `create()` only, none of the parts the fast path reads. */
function unfamiliarContextCreator(): { creator: ExternalContextCreator; created: unknown[][] } {
  const created: unknown[][] = [];
  const creator = {
    create: (...args: unknown[]) => {
      created.push(args);
      const callback = args[1] as (...a: unknown[]) => unknown;
      return (...callArgs: unknown[]) => Promise.resolve(callback.apply(args[0], callArgs));
    },
  } as unknown as ExternalContextCreator;
  return { creator, created };
}

describe('RpcHandlerFactory on a Nest whose internals it does not know', () => {
  afterEach(() => vi.restoreAllMocks());

  it("warns once at bootstrap, and runs every handler through Nest's runner", async () => {
    const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const { creator, created } = unfamiliarContextCreator();
    const factory = new RpcHandlerFactory(
      creator,
      new RpcMetadataAccessor(new Reflector()),
      resolveOptions(),
    );
    const handler = factory.create(new EchoRpc(), 'echo');
    factory.create(new EchoRpc(), 'echo');

    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toContain("runs through Nest's own runner");
    expect(handler.direct).toBe(false);
    expect(created).toHaveLength(2);
    expect(await handler.invoke('hello')).toBe('hello');
  });
});
