import { Catch, ExceptionFilter } from '@nestjs/common';
import { WsException } from '@nestjs/websockets';

/**
 * Added to every RPC handler that runs through Nest's runner: a `WsException`
 * skips Nest's default filter, which would log it as an error with its stack,
 * and reaches the exception mapper, which answers it as the client's error.
 * The handler's own filters still come first.
 */
@Catch(WsException)
export class WsExceptionPassThroughFilter implements ExceptionFilter {
  catch(exception: WsException): never {
    throw exception;
  }
}
