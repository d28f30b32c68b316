import { Inject } from '@nestjs/common';
import { RESOLVED_OPTIONS } from '../jsonrpc-ws.constants';

/** Injects the options with defaults applied (`ResolvedJsonRpcWsOptions`). */
export const InjectJsonRpcWsOptions = (): ParameterDecorator => Inject(RESOLVED_OPTIONS);
