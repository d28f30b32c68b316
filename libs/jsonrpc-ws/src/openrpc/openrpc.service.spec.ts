import 'reflect-metadata';
import type { ExternalContextCreator } from '@nestjs/core';
import { Reflector } from '@nestjs/core';
import { RpcMetadataAccessor } from '../discovery/rpc-metadata.accessor';
import { RpcMethodRegistry } from '../discovery/rpc-method.registry';
import { resolveOptions } from '../options/jsonrpc-ws-options.resolver';
import { OpenRpcService } from './openrpc.service';

function service(options = resolveOptions({ openrpc: { info: { title: 'x', version: '9' } } })) {
  const registry = new RpcMethodRegistry();
  registry.register({ name: 'a', owner: 'A.a', invoke: () => 1 });
  const handlers = vi.spyOn(registry, 'handlers');
  // No Nest internals: no global guards.
  const creator = {} as ExternalContextCreator;
  const openrpc = new OpenRpcService(
    options,
    registry,
    new RpcMetadataAccessor(new Reflector()),
    creator,
  );
  return { openrpc, handlers };
}

describe('OpenRpcService', () => {
  it('builds the document on first use only, and hands out the same one', () => {
    const { openrpc, handlers } = service();
    expect(handlers).not.toHaveBeenCalled();

    const first = openrpc.document();
    expect(openrpc.document()).toBe(first);
    expect(handlers).toHaveBeenCalledTimes(1);
    expect(first.info).toEqual({ title: 'x', version: '9' });
  });

  it('is frozen, so that no caller changes it for the others', () => {
    const document = service().openrpc.document();

    expect(Object.isFrozen(document)).toBe(true);
    expect(Object.isFrozen(document.methods[0])).toBe(true);
  });

  it('counts a method rate limited unless rateLimit is off', () => {
    const limited = service().openrpc.document().methods[0]!;
    const unlimited = service(resolveOptions({ rateLimit: false })).openrpc.document().methods[0]!;

    expect(limited.errors!.map((e) => e.code)).toContain(-32029);
    expect(unlimited.errors!.map((e) => e.code)).not.toContain(-32029);
  });
});
