/**
 * The part of class-transformer's metadata storage that tells whether a class
 * carries any of its decorators (`@Type`, `@Transform`, `@Expose`, `@Exclude`).
 * Not its documented API: `classTransformerStorageOf()` answers undefined when the
 * package is absent or its storage has another shape, and the caller then leaves
 * every value to class-transformer itself.
 */
/** A class, as decorators see it. */
export type ClassType = abstract new (...args: never[]) => unknown;

export interface ClassTransformerStorageLike {
  /** Whether `target` or one of its ancestors has class-transformer metadata. */
  hasMetadata(target: ClassType): boolean;
}

type MetadataMaps = Record<
  '_typeMetadatas' | '_transformMetadatas' | '_exposeMetadatas' | '_excludeMetadatas',
  unknown
> & { getAncestors?: unknown };

const MAPS = [
  '_typeMetadatas',
  '_transformMetadatas',
  '_exposeMetadatas',
  '_excludeMetadatas',
] as const;

/**
 * class-transformer's default storage, when `transformer` is the very module this
 * library resolves (so that it reads the storage that module's decorators fill).
 */
export function classTransformerStorageOf(
  transformer: unknown,
): ClassTransformerStorageLike | undefined {
  let storage: MetadataMaps | undefined;
  let plainToInstance: unknown;
  try {
    /* eslint-disable @typescript-eslint/no-require-imports -- an optional peer dependency */
    plainToInstance = (require('class-transformer') as { plainToInstance?: unknown })
      .plainToInstance;
    storage = (
      require('class-transformer/cjs/storage') as { defaultMetadataStorage?: MetadataMaps }
    ).defaultMetadataStorage;
    /* eslint-enable @typescript-eslint/no-require-imports */
  } catch {
    return undefined;
  }
  if (
    !storage ||
    (transformer as { plainToInstance?: unknown } | null)?.plainToInstance !== plainToInstance ||
    typeof storage.getAncestors !== 'function' ||
    !MAPS.every((name) => storage[name] instanceof Map)
  ) {
    return undefined;
  }
  const maps = MAPS.map((name) => storage[name] as Map<unknown, unknown>);
  const getAncestors = storage.getAncestors as (target: ClassType) => ClassType[];
  return {
    hasMetadata: (target) =>
      [target, ...getAncestors.call(storage, target)].some((type) =>
        maps.some((map) => map.has(type)),
      ),
  };
}
