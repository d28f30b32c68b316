import { Injectable, OnModuleInit } from '@nestjs/common';
import { RpcHandlerFactory } from '../pipeline/rpc-handler.factory';
import { RpcMethodRegistry } from '../discovery/rpc-method.registry';
import { InjectJsonRpcWsOptions } from '../options/inject-options.decorator';
import { ResolvedJsonRpcWsOptions } from '../options/jsonrpc-ws-options.interface';
import { BUILT_IN_DESCRIPTIONS } from './built-in-descriptions';
import { DiscoverRpc } from './discover.rpc';
import { HeartbeatRpc } from './heartbeat.rpc';
import { LoginRpc } from './login.rpc';
import { SubscriptionRpc } from './subscription.rpc';

/**
 * Registers the built-in methods the options turn on. They run through the
 * same pipeline as the application's, so global guards and interceptors apply.
 */
@Injectable()
export class BuiltInMethodsRegistrar implements OnModuleInit {
  constructor(
    @InjectJsonRpcWsOptions() private readonly options: ResolvedJsonRpcWsOptions,
    private readonly handlerFactory: RpcHandlerFactory,
    private readonly registry: RpcMethodRegistry,
    private readonly heartbeat: HeartbeatRpc,
    private readonly subscriptions: SubscriptionRpc,
    private readonly logins: LoginRpc,
    private readonly discover: DiscoverRpc,
  ) {}

  onModuleInit(): void {
    const { builtInMethods, verifyToken, openrpc } = this.options;
    if (builtInMethods.heartbeat) this.add('heartbeat', this.heartbeat, 'heartbeat');
    if (builtInMethods.subscribe) {
      this.add('subscribe', this.subscriptions, 'subscribe');
      this.add('unsubscribe', this.subscriptions, 'unsubscribe');
    }
    if (builtInMethods.login && verifyToken) {
      this.add('login', this.logins, 'login');
      this.add('logout', this.logins, 'logout');
    }
    if (builtInMethods.discover) {
      this.add('rpc.discover', this.discover, openrpc?.public === false ? 'guarded' : 'discover');
    }
  }

  private add(name: string, instance: object, methodName: string): void {
    const option = OPTION_OF[name] ?? name;
    this.registry.register({
      name,
      owner: `the built-in "${name}" (turn it off with builtInMethods.${option}: false)`,
      ...this.handlerFactory.create(instance, methodName),
      options: BUILT_IN_DESCRIPTIONS[name],
      source: { instance, methodName },
    });
  }
}

/** The `builtInMethods` option of built-ins not named after theirs. */
const OPTION_OF: Record<string, string> = {
  unsubscribe: 'subscribe',
  logout: 'login',
  'rpc.discover': 'discover',
};
