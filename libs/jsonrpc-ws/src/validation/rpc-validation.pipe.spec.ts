import {
  ArgumentMetadata,
  HttpException,
  ValidationPipe,
  ValidationPipeOptions,
} from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  Allow,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
  registerDecorator,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { mulberry32 } from '../../../../test/support/prng';
import { RpcValidationPipe } from './rpc-validation.pipe';

/** A pipe once class-validator and class-transformer are loaded (Nest 12 loads them with import()). */
async function loadedPipe(options: ValidationPipeOptions): Promise<RpcValidationPipe> {
  const pipe = new RpcValidationPipe(options);
  await new Promise((resolve) => setImmediate(resolve));
  return pipe;
}

function IsEventuallyTrue(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isEventuallyTrue',
      target: target.constructor,
      propertyName: propertyName as string,
      async: true,
      validator: { validate: async (value: unknown) => Promise.resolve(value === true) },
    });
}

class TagDto {
  @IsString() label!: string;
}

class BaseDto {
  @IsString() name!: string;
}

class ItemDto extends BaseDto {
  @IsInt() @Min(1) @Max(10) quantity!: number;
  @IsOptional() @IsIn(['red', 'blue']) color?: string;
  @IsOptional() @ValidateNested({ each: true }) @Type(() => TagDto) tags?: TagDto[];
  @IsOptional() @ValidateNested() @Type(() => TagDto) main?: TagDto;
  @IsOptional() @IsString({ each: true }) notes?: string[];
  @Allow() anything?: unknown;
  @ValidateIf((item: ItemDto) => item.color === 'red') @IsDefined() reason?: string;
  @IsInt({ groups: ['admin'] }) @IsOptional({ groups: ['admin'] }) level?: number;
  withDefault = 'kept';
}

class AsyncDto {
  @IsString() name!: string;
  @IsOptional() @IsEventuallyTrue() confirmed?: boolean;
}

const OPTION_SETS: ValidationPipeOptions[] = [
  { transform: true, whitelist: true },
  { whitelist: true, forbidNonWhitelisted: true },
  {},
  { whitelist: true },
  { transform: true, skipMissingProperties: true },
  { transform: true, forbidUnknownValues: true },
  { transform: true, groups: ['admin'] },
  { transform: true, always: true, whitelist: true },
  { transform: true, skipNullProperties: true, stopAtFirstError: true },
];

const KEYS = [
  'name',
  'quantity',
  'color',
  'tags',
  'main',
  'notes',
  'anything',
  'reason',
  'level',
  'confirmed',
  'extra',
];

function randomValue(random: () => number, depth: number): unknown {
  const pick = Math.floor(random() * 14);
  switch (pick) {
    case 0:
      return 'pen';
    case 1:
      return 'red';
    case 2:
      return Math.floor(random() * 14) - 2;
    case 3:
      return 2.5;
    case 4:
      return null;
    case 5:
      return random() < 0.5;
    case 6:
      return 'blue';
    case 7:
    case 8:
      return depth > 2 ? 'deep' : { label: randomValue(random, depth + 1) };
    case 9:
    case 10:
      return depth > 2
        ? []
        : Array.from({ length: Math.floor(random() * 3) }, () => randomValue(random, depth + 1));
    case 11:
      return true;
    default:
      return String(Math.floor(random() * 3));
  }
}

function randomParams(random: () => number): unknown {
  const roll = random();
  if (roll < 0.04) return undefined;
  if (roll < 0.08) return [1, 2];
  if (roll < 0.1) return 'text';
  const value: Record<string, unknown> = {};
  for (const key of KEYS) if (random() < 0.5) value[key] = randomValue(random, 0);
  if (random() < 0.6) value.name = 'pen';
  if (random() < 0.6) value.quantity = 1 + Math.floor(random() * 10);
  return value;
}

type Outcome = { ok: true; value: unknown; type: string } | { ok: false; response: unknown };

async function outcome(
  pipe: ValidationPipe,
  value: unknown,
  metadata: ArgumentMetadata,
): Promise<Outcome> {
  try {
    const result: unknown = await pipe.transform(value, metadata);
    const type =
      result === null || typeof result !== 'object' ? typeof result : result.constructor.name;
    return { ok: true, value: result, type };
  } catch (error) {
    if (error instanceof HttpException) return { ok: false, response: error.getResponse() };
    throw error;
  }
}

describe('RpcValidationPipe', () => {
  it.each(OPTION_SETS.map((options) => [JSON.stringify(options), options]))(
    'gives what ValidationPipe gives, value for value (%s)',
    async (_name, options) => {
      const random = mulberry32(7);
      const reference = new ValidationPipe(options);
      const compiled = await loadedPipe(options);
      for (let i = 0; i < 400; i++) {
        const params = randomParams(random);
        for (const metatype of [ItemDto, AsyncDto]) {
          const metadata: ArgumentMetadata = { type: 'body', metatype, data: undefined };
          const expected = await outcome(reference, structuredClone(params), metadata);
          const actual = await outcome(compiled, structuredClone(params), metadata);
          expect({ params, metatype: metatype.name, actual }).toStrictEqual({
            params,
            metatype: metatype.name,
            actual: expected,
          });
        }
      }
    },
  );

  it('accepts a valid JSON object synchronously, as a DTO instance', async () => {
    const pipe = await loadedPipe({ transform: true, whitelist: true });
    const result: unknown = pipe.transform(
      { name: 'pen', quantity: 3, extra: 1 },
      { type: 'body', metatype: ItemDto },
    );
    expect(result).toBeInstanceOf(ItemDto);
    // whitelist strips what has no decorator, the class's defaults included, as class-validator does
    expect(result).toEqual({ name: 'pen', quantity: 3 });
  });

  it('leaves what it cannot judge to ValidationPipe: errors and async constraints', async () => {
    const pipe = await loadedPipe({ transform: true });
    const invalid: unknown = pipe.transform({ name: 1 }, { type: 'body', metatype: ItemDto });
    expect(invalid).toBeInstanceOf(Promise);
    await expect(invalid).rejects.toBeInstanceOf(HttpException);
    const async: unknown = pipe.transform(
      { name: 'a', confirmed: true },
      { type: 'body', metatype: AsyncDto },
    );
    expect(async).toBeInstanceOf(Promise);
    await expect(async).resolves.toBeInstanceOf(AsyncDto);
  });

  it('leaves values with prototype keys to ValidationPipe, which strips them', async () => {
    const pipe = await loadedPipe({ transform: true, whitelist: true });
    const value = JSON.parse('{"name":"pen","quantity":2,"__proto__":{"admin":true}}') as object;
    const result: unknown = pipe.transform(value, { type: 'body', metatype: ItemDto });
    expect(result).toBeInstanceOf(Promise);
    expect(await result).toEqual({ name: 'pen', quantity: 2 });
  });
});
