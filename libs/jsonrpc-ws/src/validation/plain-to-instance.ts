import type { ClassTransformerStorageLike, ClassType } from './class-transformer-internals';

/** class-transformer options under which a flat JSON object maps onto a class key for key. */
interface TransformOptionsLike {
  strategy?: string;
  excludeExtraneousValues?: boolean;
  excludePrefixes?: string[];
  enableImplicitConversion?: boolean;
  targetMaps?: unknown[];
}

/**
 * What `plainToInstance(Class, value, options)` makes of a flat JSON object (every
 * value a string, number, boolean or null) for a class without class-transformer
 * decorators, done in a loop instead of class-transformer's general walk, which
 * costs about a microsecond even for two fields. The same steps, in the same
 * order: `new Class()`, then each own key of the value, except `__proto__`,
 * `constructor`, accessors without a setter and methods of the class. Answers
 * undefined whenever that equivalence does not hold, for class-transformer to do
 * the work: nested values, decorated classes, options that change the mapping.
 */
export class PlainToInstance {
  private readonly undecorated = new WeakMap<ClassType, boolean>();
  private readonly simpleOptions: boolean;

  constructor(
    private readonly storage: ClassTransformerStorageLike,
    options: TransformOptionsLike | undefined,
  ) {
    this.simpleOptions =
      !options ||
      ((options.strategy === undefined || options.strategy === 'exposeAll') &&
        !options.excludeExtraneousValues &&
        !options.excludePrefixes?.length &&
        !options.enableImplicitConversion &&
        !options.targetMaps);
  }

  /** The instance, or undefined to leave `value` to class-transformer. */
  convert(type: ClassType, value: Record<string, unknown>): object | undefined {
    if (!this.simpleOptions || !this.isUndecorated(type)) return undefined;
    const keys = Object.keys(value);
    for (const key of keys) {
      const field = value[key];
      if (field !== null && typeof field === 'object') return undefined;
    }
    const instance = new (type as unknown as new () => Record<string, unknown>)();
    const prototype = (instance.constructor as { prototype?: object }).prototype;
    for (const key of keys) {
      if (key === '__proto__' || key === 'constructor') continue;
      const descriptor = prototype && Object.getOwnPropertyDescriptor(prototype, key);
      if ((descriptor && !descriptor.set) || instance[key] instanceof Function) continue;
      instance[key] = value[key];
    }
    return instance;
  }

  private isUndecorated(type: ClassType): boolean {
    let known = this.undecorated.get(type);
    if (known === undefined) {
      known = !this.storage.hasMetadata(type);
      this.undecorated.set(type, known);
    }
    return known;
  }
}
