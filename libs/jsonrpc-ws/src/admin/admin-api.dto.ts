import type { ValidationOptions } from 'class-validator';
import type { JsonRpcParams } from '../protocol/jsonrpc.types';

type ClassValidator = typeof import('class-validator');
type ClassTransformer = typeof import('class-transformer');

/** `POST /send`: a push to a user's connections (on one platform with `platform`). */
export interface SendBody {
  to: string | number;
  method: string;
  params?: JsonRpcParams;
  platform?: string;
}

/** `POST /publish`: a push to a topic's subscribers. */
export interface PublishBody {
  topic: string;
  method: string;
  params?: JsonRpcParams;
}

/** `POST /broadcast`: a push to every logged-in connection. */
export interface BroadcastBody {
  method: string;
  params?: JsonRpcParams;
}

/** `POST /kick`: ends a user's connections (on one platform with `platform`). */
export interface KickBody {
  userId: string | number;
  platform?: string;
  reason: string;
}

/** `GET /online?limit=&cursor=`: one page of online users, in id order. */
export interface OnlineQuery {
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

/** `GET /history/:topic?after=&limit=`: a topic's publications after an offset. */
export interface HistoryQuery {
  /** Publications with a greater offset. @default 0 */
  after?: number;
  /** At most this many. @default 100 */
  limit?: number;
}

/** Most publications one `GET /history/:topic` answers. */
export const MAX_HISTORY_PAGE = 1000;

type DtoClass<T> = new () => T;

/** The admin API's DTO classes, with their class-validator rules. */
export interface AdminDtos {
  SendDto: DtoClass<SendBody>;
  PublishDto: DtoClass<PublishBody>;
  BroadcastDto: DtoClass<BroadcastBody>;
  KickDto: DtoClass<KickBody>;
  OnlineQueryDto: DtoClass<OnlineQuery>;
  HistoryQueryDto: DtoClass<HistoryQuery>;
}

let defined: AdminDtos | undefined;

/**
 * class-validator and class-transformer are optional peers of the library, so the
 * DTOs are defined when the admin API is first used, not when the library loads.
 */
export function adminDtos(): AdminDtos {
  /* eslint-disable @typescript-eslint/no-require-imports -- optional peers, loaded on demand */
  return (defined ??= defineDtos(
    require('class-validator') as ClassValidator,
    require('class-transformer') as ClassTransformer,
  ));
  /* eslint-enable @typescript-eslint/no-require-imports */
}

function defineDtos(validator: ClassValidator, transformer: ClassTransformer): AdminDtos {
  const { IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateBy } = validator;
  const { Type } = transformer;
  /** A push's method: no control characters (an SSE event name ends at a line break), not `rpc.*`. */
  const METHOD_PATTERN = /^(?!rpc\.)\P{Cc}{1,128}$/u;
  const PLATFORM = /^[A-Za-z0-9._-]{1,32}$/;

  function IsUserId(options?: ValidationOptions): PropertyDecorator {
    return ValidateBy(
      {
        name: 'isUserId',
        validator: {
          validate: (value: unknown) =>
            (typeof value === 'string' && value.length > 0 && value.length <= 256) ||
            (typeof value === 'number' && Number.isSafeInteger(value)),
          defaultMessage: () =>
            '$property must be a non-empty string (at most 256 characters) or an integer',
        },
      },
      options,
    );
  }

  /** JSON-RPC params are structured: an object or an array. */
  function IsJsonRpcParams(options?: ValidationOptions): PropertyDecorator {
    return ValidateBy(
      {
        name: 'isJsonRpcParams',
        validator: {
          validate: (value: unknown) => typeof value === 'object' && value !== null,
          defaultMessage: () => '$property must be an object or an array',
        },
      },
      options,
    );
  }

  const methodRule = Matches(METHOD_PATTERN, {
    message:
      'method must be 1 to 128 characters without control characters, not starting with "rpc."',
  });
  const platformRule = Matches(PLATFORM, {
    message: 'platform must be 1 to 32 letters, digits, ".", "_" or "-"',
  });

  /** `POST /broadcast`: a push to every logged-in connection; the other pushes extend it. */
  class BroadcastDto implements BroadcastBody {
    @IsString()
    @methodRule
    method!: string;

    @IsOptional()
    @IsJsonRpcParams()
    params?: JsonRpcParams;
  }

  /** `POST /send`: a push to a user's connections (on one platform with `platform`). */
  class SendDto extends BroadcastDto implements SendBody {
    @IsUserId()
    to!: string | number;

    @IsOptional()
    @IsString()
    @platformRule
    platform?: string;
  }

  /** `POST /publish`: a push to a topic's subscribers. */
  class PublishDto extends BroadcastDto implements PublishBody {
    @IsString()
    @Length(1, 256)
    topic!: string;
  }

  /** `POST /kick`: ends a user's connections (on one platform with `platform`). */
  class KickDto implements KickBody {
    @IsUserId()
    userId!: string | number;

    @IsOptional()
    @IsString()
    @platformRule
    platform?: string;

    @IsString()
    @Length(1, 200)
    reason!: string;
  }

  /** `GET /online?limit=&cursor=`: one page of online users, in id order. */
  class OnlineQueryDto implements OnlineQuery {
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(100_000)
    limit?: number;

    /** The `nextCursor` of the previous page. */
    @IsOptional()
    @IsString()
    @Length(1, 256)
    cursor?: string;
  }

  /** `GET /history/:topic?after=&limit=`: a topic's publications after an offset. */
  class HistoryQueryDto implements HistoryQuery {
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(0)
    @Max(Number.MAX_SAFE_INTEGER)
    after?: number;

    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(MAX_HISTORY_PAGE)
    limit?: number;
  }

  return { SendDto, PublishDto, BroadcastDto, KickDto, OnlineQueryDto, HistoryQueryDto };
}
