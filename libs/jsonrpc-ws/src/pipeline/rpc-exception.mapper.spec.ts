import {
  BadGatewayException,
  BadRequestException,
  ConflictException,
  ForbiddenException,
  HttpException,
  HttpStatus,
  ImATeapotException,
  InternalServerErrorException,
  NotFoundException,
  ServiceUnavailableException,
  UnauthorizedException,
  UnprocessableEntityException,
  ValidationPipe,
} from '@nestjs/common';
import { IsInt, IsString, Min } from 'class-validator';
import { JsonRpcError } from '../errors/jsonrpc.error';
import { toJsonRpcError } from './rpc-exception.mapper';

class CreateRoomDto {
  @IsString()
  name!: string;

  @IsInt()
  @Min(1)
  capacity!: number;
}

/** The exception Nest's ValidationPipe throws for the given body. */
async function validationFailure(body: unknown): Promise<unknown> {
  const pipe = new ValidationPipe();
  try {
    await pipe.transform(body, { type: 'body', metatype: CreateRoomDto });
  } catch (error) {
    return error;
  }
  throw new Error('ValidationPipe accepted the body');
}

describe('toJsonRpcError', () => {
  describe('JsonRpcError', () => {
    it('passes code, message and data through unchanged', () => {
      const data = { reason: 'RoomFull', capacity: 50 };

      expect(toJsonRpcError(new JsonRpcError(-32010, 'Room is full', data))).toStrictEqual({
        code: -32010,
        message: 'Room is full',
        data,
      });
    });

    it('fills data.reason for a known code when data is omitted', () => {
      expect(toJsonRpcError(new JsonRpcError(-32602, 'Bad amount'))).toStrictEqual({
        code: -32602,
        message: 'Bad amount',
        data: { reason: 'InvalidParams' },
      });
      expect(toJsonRpcError(new JsonRpcError(-32004, 'No such room'))).toStrictEqual({
        code: -32004,
        message: 'No such room',
        data: { reason: 'NotFound' },
      });
    });

    it('leaves data out for an unknown code when data is omitted', () => {
      const error = toJsonRpcError(new JsonRpcError(-32010, 'Room is full'));

      expect(error).toStrictEqual({ code: -32010, message: 'Room is full' });
      expect(error).not.toHaveProperty('data');
    });

    it.each([[null], [0], [''], [false], ['text'], [[1, 2]]])(
      'keeps the explicit data %p, even for a known code',
      (data) => {
        expect(toJsonRpcError(new JsonRpcError(-32602, 'Invalid params', data))).toStrictEqual({
          code: -32602,
          message: 'Invalid params',
          data,
        });
      },
    );
  });

  describe('HttpException', () => {
    describe('400 -> -32602', () => {
      it('puts the messages of a ValidationPipe failure in data.errors', async () => {
        const exception = await validationFailure({ name: 7, capacity: 0 });
        expect(exception).toBeInstanceOf(BadRequestException);

        const error = toJsonRpcError(exception);

        expect(error).toEqual({
          code: -32602,
          message: 'Invalid params',
          data: { reason: 'InvalidParams', errors: expect.any(Array) },
        });
        const errors = (error.data as { errors: string[] }).errors;
        expect(errors).toEqual(
          expect.arrayContaining(['name must be a string', 'capacity must not be less than 1']),
        );
      });

      it('puts an array message given by hand in data.errors', () => {
        expect(toJsonRpcError(new BadRequestException(['a is missing', 'b is wrong']))).toEqual({
          code: -32602,
          message: 'Invalid params',
          data: { reason: 'InvalidParams', errors: ['a is missing', 'b is wrong'] },
        });
      });

      it('keeps a custom string message as the message', () => {
        expect(toJsonRpcError(new BadRequestException('amount must be positive'))).toStrictEqual({
          code: -32602,
          message: 'amount must be positive',
          data: { reason: 'InvalidParams' },
        });
        expect(toJsonRpcError(new HttpException('from a string body', 400))).toStrictEqual({
          code: -32602,
          message: 'from a string body',
          data: { reason: 'InvalidParams' },
        });
      });

      it('says "Invalid params" for the default "Bad Request" message', () => {
        expect(toJsonRpcError(new BadRequestException())).toStrictEqual({
          code: -32602,
          message: 'Invalid params',
          data: { reason: 'InvalidParams' },
        });
      });

      it("puts the response object's other fields in data", () => {
        const exception = new BadRequestException({ message: 'amount too high', field: 'amount' });
        expect(toJsonRpcError(exception)).toStrictEqual({
          code: -32602,
          message: 'amount too high',
          data: { reason: 'InvalidParams', field: 'amount' },
        });
        const described = new BadRequestException('amount too high', { description: 'Limits' });
        expect(toJsonRpcError(described).data).toStrictEqual({ reason: 'InvalidParams' });
      });

      it("reads Nest's documented { status, error } body, and ignores a message that is no text", () => {
        expect(toJsonRpcError(new HttpException({ status: 400, error: 'x' }, 400))).toStrictEqual({
          code: -32602,
          message: 'x',
          data: { reason: 'InvalidParams' },
        });
        expect(toJsonRpcError(new HttpException({ message: 42 }, 400))).toStrictEqual({
          code: -32602,
          message: 'Invalid params',
          data: { reason: 'InvalidParams' },
        });
      });
    });

    it.each([
      [new UnauthorizedException(), -32001, 'Unauthorized', 'Unauthorized'],
      [new ForbiddenException(), -32003, 'Forbidden', 'Forbidden'],
      [new NotFoundException(), -32004, 'Not Found', 'NotFound'],
      [new ConflictException(), -32009, 'Conflict', 'Conflict'],
      [new HttpException('Too Many Requests', 429), -32029, 'Too Many Requests', 'TooManyRequests'],
      [new ServiceUnavailableException(), -32053, 'Service Unavailable', 'ServiceUnavailable'],
    ])('maps %p to code %i with data.reason', (exception, code, message, reason) => {
      expect(toJsonRpcError(exception)).toStrictEqual({ code, message, data: { reason } });
    });

    it.each([
      [401, -32001],
      [403, -32003],
      [404, -32004],
      [409, -32009],
      [429, -32029],
      [503, -32053],
    ])('maps status %i to %i and keeps a custom message', (status, code) => {
      const error = toJsonRpcError(new HttpException({ message: 'Custom text' }, status));

      expect(error.code).toBe(code);
      expect(error.message).toBe('Custom text');
    });

    it('falls back to the standard message when the body message is empty or not a string', () => {
      expect(toJsonRpcError(new HttpException('', 401))).toStrictEqual({
        code: -32001,
        message: 'Unauthorized',
        data: { reason: 'Unauthorized' },
      });
      expect(toJsonRpcError(new NotFoundException(['a', 'b']))).toStrictEqual({
        code: -32004,
        message: 'Not Found',
        data: { reason: 'NotFound', errors: ['a', 'b'] },
      });
      expect(toJsonRpcError(new HttpException({ error: '' }, 409))).toStrictEqual({
        code: -32009,
        message: 'Conflict',
        data: { reason: 'Conflict' },
      });
    });

    it('maps another 4xx to -32000 − (status − 400), with its message, reason and status', () => {
      expect(toJsonRpcError(new ImATeapotException('short and stout'))).toStrictEqual({
        code: -32018,
        message: 'short and stout',
        data: { reason: 'IAmATeapot', status: 418 },
      });
      expect(toJsonRpcError(new UnprocessableEntityException())).toStrictEqual({
        code: -32022,
        message: 'Unprocessable Entity',
        data: { reason: 'UnprocessableEntity', status: 422 },
      });
      const body = { message: 'Gone for good', since: '2026-01-01' };
      expect(toJsonRpcError(new HttpException(body, HttpStatus.GONE))).toStrictEqual({
        code: -32010,
        message: 'Gone for good',
        data: { reason: 'Gone', status: 410, since: '2026-01-01' },
      });
      expect(toJsonRpcError(new HttpException({}, 422))).toStrictEqual({
        code: -32022,
        message: 'Unprocessable entity',
        data: { reason: 'UnprocessableEntity', status: 422 },
      });
      expect(toJsonRpcError(new HttpException('Custom', 499))).toStrictEqual({
        code: -32099,
        message: 'Custom',
        data: { reason: 'ClientError', status: 499 },
      });
    });

    it('keeps extra fields on the named 4xx codes too', () => {
      const exception = new ForbiddenException({ message: 'Not your room', room: 'lobby' });
      expect(toJsonRpcError(exception)).toStrictEqual({
        code: -32003,
        message: 'Not your room',
        data: { reason: 'Forbidden', room: 'lobby' },
      });
    });

    it('maps 3xx and other non-error statuses to -32603 with their status', () => {
      expect(toJsonRpcError(new HttpException('Moved', 301))).toStrictEqual({
        code: -32603,
        message: 'Internal error',
        data: { reason: 'InternalError', status: 301 },
      });
    });

    it.each([
      [new InternalServerErrorException('password=hunter2 at db.internal'), 500],
      [new HttpException('connection string postgres://u:p@db', 500), 500],
      [new BadGatewayException('upstream 10.0.0.7 refused'), 502],
      [new HttpException({ message: 'secret', stack: 'at x' }, 504), 504],
    ])('maps the 5xx %p to -32603 with its status but without its message', (exception, status) => {
      const error = toJsonRpcError(exception);

      expect(error).toStrictEqual({
        code: -32603,
        message: 'Internal error',
        data: { reason: 'InternalError', status },
      });
      expect(JSON.stringify(error)).not.toContain(exception.message);
    });
  });

  describe('anything else', () => {
    it('maps a plain Error to -32603 with no message or stack leaked', () => {
      const thrown = new Error('ECONNREFUSED 10.0.0.5:5432 password=hunter2');

      const error = toJsonRpcError(thrown);

      expect(error).toStrictEqual({
        code: -32603,
        message: 'Internal error',
        data: { reason: 'InternalError' },
      });
      const text = JSON.stringify(error);
      expect(text).not.toContain('hunter2');
      expect(text).not.toContain('ECONNREFUSED');
      expect(text).not.toContain(thrown.stack!.split('\n')[1]!.trim());
    });

    it.each([
      ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'id')")],
      ['a string', 'boom'],
      ['undefined', undefined],
      ['null', null],
      ['an object mimicking a JsonRpcError', { code: -32010, message: 'fake', data: {} }],
      [
        'an object mimicking an HttpException',
        { status: 404, response: 'x', getStatus: () => 404 },
      ],
    ])('maps %s to a bare -32603', (_label, thrown) => {
      expect(toJsonRpcError(thrown)).toStrictEqual({
        code: -32603,
        message: 'Internal error',
        data: { reason: 'InternalError' },
      });
    });

    it('returns a fresh object each time', () => {
      const first = toJsonRpcError(new Error('a'));
      (first.data as Record<string, unknown>).reason = 'tampered';

      expect(toJsonRpcError(new Error('b')).data).toEqual({ reason: 'InternalError' });
    });
  });
});
