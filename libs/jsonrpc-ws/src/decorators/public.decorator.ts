import { SetMetadata } from '@nestjs/common';
import { IS_PUBLIC_METADATA } from '../jsonrpc-ws.constants';

/**
 * Lets anonymous connections call a method (or every method of a class) that a
 * global `RpcAuthGuard` would otherwise protect.
 *
 * @example
 * @Public()
 * @RpcMethod('status')
 * status() { return 'up'; }
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_METADATA, true);
