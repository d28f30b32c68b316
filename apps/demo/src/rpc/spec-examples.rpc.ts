import { BadRequestException, Injectable, Logger } from '@nestjs/common';
import { Public, RpcMethod, RpcParams } from 'nestjs-jsonrpc-ws';
import { SubtractDto } from './subtract.dto';

/** The example methods of the JSON-RPC 2.0 specification, section 7. */
@Public()
@Injectable()
export class SpecExamplesRpc {
  private readonly logger = new Logger(SpecExamplesRpc.name);

  /** `[42, 23]` and `{ minuend: 42, subtrahend: 23 }` both reach the DTO. */
  @RpcMethod('subtract', {
    paramNames: ['minuend', 'subtrahend'],
    summary: 'minuend - subtrahend',
    tags: ['spec'],
    examples: [
      { name: 'by position', params: [42, 23], result: 19 },
      { name: 'by name', params: { minuend: 42, subtrahend: 23 }, result: 19 },
    ],
  })
  subtract(@RpcParams() { minuend, subtrahend }: SubtractDto): number {
    return minuend - subtrahend;
  }

  @RpcMethod(['sum', 'notify_sum'], {
    summary: 'The sum of its params',
    tags: ['spec'],
    params: { schema: { type: 'array', items: { type: 'number' } } },
  })
  sum(@RpcParams() numbers: unknown): number {
    return numbersOf(numbers).reduce((total, n) => total + n, 0);
  }

  @RpcMethod('update', {
    summary: 'Takes any params and answers nothing (null)',
    tags: ['spec'],
    result: { schema: { type: 'null' } },
  })
  update(@RpcParams() values: unknown): void {
    this.logger.debug(`update ${JSON.stringify(values)}`);
  }

  @RpcMethod('get_data', {
    summary: 'A fixed pair',
    tags: ['spec'],
    result: {
      schema: {
        type: 'array',
        items: [{ type: 'string' }, { type: 'number' }],
        minItems: 2,
        maxItems: 2,
      },
    },
  })
  getData(): [string, number] {
    return ['hello', 5];
  }

  @RpcMethod('notify_hello', {
    summary: 'Logs its one by-position param',
    tags: ['spec'],
    result: { schema: { type: 'null' } },
  })
  notifyHello(@RpcParams(0) value: unknown): void {
    this.logger.debug(`hello ${JSON.stringify(value)}`);
  }
}

function numbersOf(params: unknown): number[] {
  if (!Array.isArray(params) || !params.every((n) => typeof n === 'number')) {
    throw new BadRequestException('params must be an array of numbers');
  }
  return params;
}
