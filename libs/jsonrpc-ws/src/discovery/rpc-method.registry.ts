import { Injectable } from '@nestjs/common';
import { JsonRpcWsBootstrapError } from '../errors/jsonrpc-ws-bootstrap.error';
import { JsonRpcWsMessages } from '../errors/jsonrpc-ws.messages';
import { RpcMethodHandler } from './rpc-method-handler';

/** Every JSON-RPC method the application serves, by name. */
@Injectable()
export class RpcMethodRegistry {
  private readonly methods = new Map<string, RpcMethodHandler>();

  register(handler: RpcMethodHandler): void {
    const existing = this.methods.get(handler.name);
    if (existing) {
      throw new JsonRpcWsBootstrapError(
        JsonRpcWsMessages.duplicateMethod(handler.name, existing.owner, handler.owner),
      );
    }
    this.methods.set(handler.name, handler);
  }

  get(name: string): RpcMethodHandler | undefined {
    return this.methods.get(name);
  }

  /** Names of all registered methods, sorted. */
  names(): string[] {
    return [...this.methods.keys()].sort();
  }

  /** Every registered method, sorted by name. */
  handlers(): RpcMethodHandler[] {
    return this.names().map((name) => this.methods.get(name)!);
  }
}
