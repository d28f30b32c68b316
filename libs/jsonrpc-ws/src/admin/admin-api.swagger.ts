import { applyDecorators, Type } from '@nestjs/common';
import { adminDtos, MAX_HISTORY_PAGE } from './admin-api.dto';

type Swagger = typeof import('@nestjs/swagger');

const PARAMS = {
  description: 'JSON-RPC params of the push: an object or an array',
  oneOf: [
    { type: 'object', additionalProperties: true },
    { type: 'array', items: {} },
  ],
};
const USER_ID = { oneOf: [{ type: 'string', maxLength: 256 }, { type: 'integer' }] };
const METHOD = {
  type: 'string',
  maxLength: 128,
  example: 'order.shipped',
  description: 'Method of the notification the clients get',
};
const PLATFORM = { type: 'string', pattern: '^[A-Za-z0-9._-]{1,32}$', example: 'web' };

const dtoFields = (): Array<
  [Type<unknown>, Record<string, Record<string, unknown> & { required?: boolean }>]
> => {
  const { SendDto, PublishDto, BroadcastDto, KickDto, OnlineQueryDto, HistoryQueryDto } =
    adminDtos();
  return [
    // The other pushes extend BroadcastDto, and swagger reads properties up the prototype chain.
    [BroadcastDto, { method: METHOD, params: { ...PARAMS, required: false } }],
    [SendDto, { to: { ...USER_ID, example: 'u1' }, platform: { ...PLATFORM, required: false } }],
    [PublishDto, { topic: { type: 'string', maxLength: 256, example: 'orders' } }],
    [
      KickDto,
      {
        userId: USER_ID,
        platform: { ...PLATFORM, required: false },
        reason: { type: 'string', maxLength: 200, example: 'Account suspended' },
      },
    ],
    [
      OnlineQueryDto,
      {
        limit: { type: 'integer', minimum: 1, required: false, default: 100 },
        cursor: { type: 'string', required: false, description: 'nextCursor of the previous page' },
      },
    ],
    [
      HistoryQueryDto,
      {
        after: {
          type: 'integer',
          minimum: 0,
          required: false,
          default: 0,
          description: 'Publications with a greater offset',
        },
        limit: {
          type: 'integer',
          minimum: 1,
          maximum: MAX_HISTORY_PAGE,
          required: false,
          default: 100,
        },
      },
    ],
  ];
};

const ROUTES: Record<string, { summary: string; schema: Record<string, unknown> }> = {
  send: {
    summary: "Push to a user's connections (one platform with `platform`)",
    schema: counted('delivered'),
  },
  publish: { summary: "Push to a topic's subscribers", schema: counted('delivered') },
  broadcast: { summary: 'Push to every logged-in connection', schema: counted('delivered') },
  kick: {
    summary: "End a user's connections with session.kicked and close 4004",
    schema: counted('kicked'),
  },
  online: {
    summary: 'Users online, one page at a time',
    schema: {
      type: 'object',
      properties: {
        count: { type: 'integer' },
        users: { type: 'array', items: { type: 'string' } },
        nextCursor: { type: 'string', nullable: true },
      },
    },
  },
  user: {
    summary: "Whether a user is online, and the user's connections",
    schema: {
      type: 'object',
      properties: {
        online: { type: 'boolean' },
        connections: { type: 'array', items: { type: 'object' } },
      },
    },
  },
  history: {
    summary: "A topic's history: its position, and its publications after `after`",
    schema: {
      type: 'object',
      properties: {
        epoch: { type: 'string' },
        offset: { type: 'integer', description: "The offset of the topic's last publication" },
        publications: {
          type: 'array',
          items: {
            type: 'object',
            properties: { offset: { type: 'integer' }, method: { type: 'string' }, params: {} },
            required: ['offset', 'method'],
          },
        },
      },
      required: ['epoch', 'offset', 'publications'],
    },
  },
  stats: { summary: "The hub's counters", schema: { type: 'object', additionalProperties: true } },
};

let dtosDocumented = false;

/**
 * Describes the admin API to `@nestjs/swagger`, when the application has it:
 * its document then shows every route with its body, answers and the bearer
 * scheme. Without the package this does nothing.
 */
export function documentForSwagger(controller: Type<unknown>): void {
  const swagger = loadSwagger();
  if (!swagger) return;
  applyDecorators(
    swagger.ApiTags('jsonrpc-ws admin'),
    swagger.ApiBearerAuth(),
    swagger.ApiUnauthorizedResponse({ description: 'Missing or wrong admin token' }),
    swagger.ApiBadRequestResponse({
      description: 'Invalid body: `errors` lists `{ field, messages }`',
    }),
    swagger.ApiNotFoundResponse({ description: 'The API is off: no adminToken is set' }),
  )(controller);
  const prototype = controller.prototype as Record<string, unknown>;
  const dtos = adminDtos();
  const bodies: Record<string, Type<unknown>> = {
    send: dtos.SendDto,
    publish: dtos.PublishDto,
    broadcast: dtos.BroadcastDto,
    kick: dtos.KickDto,
  };
  for (const [name, route] of Object.entries(ROUTES)) {
    // Handlers declare interfaces (the DTO classes are made at runtime): name the classes here.
    const body = bodies[name];
    const decorators = [
      swagger.ApiOperation({ summary: route.summary }),
      swagger.ApiOkResponse({ schema: route.schema }),
    ];
    if (name === 'online') decorators.push(swagger.ApiQuery({ type: dtos.OnlineQueryDto }));
    if (name === 'user') decorators.push(swagger.ApiParam({ name: 'userId', type: String }));
    if (name === 'history') {
      decorators.push(
        swagger.ApiParam({ name: 'topic', type: String }),
        swagger.ApiQuery({ type: dtos.HistoryQueryDto }),
        swagger.ApiNotFoundResponse({
          description: 'The topic keeps no history (or the API is off)',
        }),
      );
    }
    if (body) {
      decorators.push(
        swagger.ApiBody({ type: body }),
        swagger.ApiHeader({
          name: 'Idempotency-Key',
          required: false,
          description: 'A retry with the same key and body delivers once',
        }),
        swagger.ApiUnprocessableEntityResponse({
          description: 'Idempotency-Key reused with another body',
        }),
        swagger.ApiPayloadTooLargeResponse({ description: 'Body over adminApi.maxBodyBytes' }),
      );
    }
    applyDecorators(...decorators)(
      prototype,
      name,
      Object.getOwnPropertyDescriptor(prototype, name),
    );
  }
  if (dtosDocumented) return;
  dtosDocumented = true;
  for (const [dto, fields] of dtoFields()) {
    for (const [field, { required, ...schema }] of Object.entries(fields)) {
      swagger.ApiProperty({ ...schema, required: required ?? true })(
        dto.prototype as object,
        field,
      );
    }
  }
}

function counted(name: string): Record<string, unknown> {
  return { type: 'object', properties: { [name]: { type: 'integer' } }, required: [name] };
}

function loadSwagger(): Swagger | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- an optional package, used when present
    return require('@nestjs/swagger') as Swagger;
  } catch {
    return undefined;
  }
}
