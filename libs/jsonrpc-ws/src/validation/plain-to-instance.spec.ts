import 'reflect-metadata';
import * as classTransformer from 'class-transformer';
import { Exclude, Expose, plainToInstance, Transform, Type } from 'class-transformer';
import { classTransformerStorageOf } from './class-transformer-internals';
import { PlainToInstance } from './plain-to-instance';

class Flat {
  name = 'default';
  count?: number;
  get shout(): string {
    return this.name.toUpperCase();
  }
  greet(): string {
    return `hi ${this.name}`;
  }
}

class Settable {
  private stored = '';
  get value(): string {
    return this.stored;
  }
  set value(next: string) {
    this.stored = `set:${next}`;
  }
}

class Child extends Flat {
  extra?: boolean;
}

class Typed {
  @Type(() => Date) when?: Date;
}
class Transformed {
  @Transform(({ value }) => String(value).trim()) text?: string;
}
class Exposed {
  @Expose({ name: 'n' }) name?: string;
}
class Excluded {
  @Exclude() secret?: string;
}
class DecoratedParent {
  @Expose() id?: string;
}
class UndecoratedChild extends DecoratedParent {}

const storage = classTransformerStorageOf(classTransformer)!;

describe('PlainToInstance', () => {
  it("reads class-transformer's storage only through the module it was given", () => {
    expect(storage).toBeDefined();
    expect(classTransformerStorageOf({ plainToInstance: () => undefined })).toBeUndefined();
    expect(classTransformerStorageOf(undefined)).toBeUndefined();
  });

  const values: Array<[string, new () => object, Record<string, unknown>]> = [
    ['a flat object', Flat, { name: 'ada', count: 3 }],
    ['defaults kept for absent keys', Flat, { count: 1 }],
    ['extra keys kept', Flat, { name: 'x', unknown: true, nothing: null }],
    ['getters without setter and methods skipped', Flat, { shout: 'no', greet: 'no', name: 'y' }],
    ['setters called', Settable, { value: 'v' }],
    ['inherited members', Child, { name: 'c', extra: false, greet: 'no' }],
    [
      'prototype keys skipped',
      Flat,
      JSON.parse('{"__proto__":"p","constructor":"c","name":"z"}') as Record<string, unknown>,
    ],
  ];

  it.each(values)('builds what plainToInstance builds: %s', (_, type, value) => {
    const converter = new PlainToInstance(storage, undefined);
    const fast = converter.convert(type, value);
    const reference = plainToInstance(type, value);
    expect(fast).toBeInstanceOf(type);
    expect(fast).toStrictEqual(reference);
    expect(Object.keys(fast!)).toEqual(Object.keys(reference));
  });

  it('throws where plainToInstance throws: an inherited getter without a setter', () => {
    const converter = new PlainToInstance(storage, undefined);
    expect(() => plainToInstance(Child, { shout: 'no' })).toThrow(TypeError);
    expect(() => converter.convert(Child, { shout: 'no' })).toThrow(TypeError);
  });

  it.each([
    ['@Type', Typed],
    ['@Transform', Transformed],
    ['@Expose', Exposed],
    ['@Exclude', Excluded],
    ['a decorated ancestor', UndecoratedChild],
  ])('leaves a class with %s to class-transformer', (_, type) => {
    expect(new PlainToInstance(storage, undefined).convert(type, { a: 1 })).toBeUndefined();
  });

  it('leaves nested values to class-transformer', () => {
    const converter = new PlainToInstance(storage, undefined);
    expect(converter.convert(Flat, { name: 'n', tags: ['a'] })).toBeUndefined();
    expect(converter.convert(Flat, { name: 'n', inner: { a: 1 } })).toBeUndefined();
  });

  it.each([
    { enableImplicitConversion: true },
    { excludeExtraneousValues: true },
    { strategy: 'excludeAll' },
    { excludePrefixes: ['_'] },
    { targetMaps: [] },
  ])('leaves every value to class-transformer under %o', (options) => {
    expect(new PlainToInstance(storage, options).convert(Flat, { name: 'n' })).toBeUndefined();
  });
});
