/**
 * The parts of class-validator's metadata storage that `RpcValidationPipe` plans
 * with. Not its documented API: `metadataStorageOf()` answers undefined when the
 * package has no such storage, and the pipe then leaves every value to
 * `ValidationPipe`.
 */

/** The parts of class-validator's metadata that decide whether a value passes. */
export interface ValidationMetadataLike {
  type: string;
  target: unknown;
  propertyName: string;
  constraints?: unknown[];
  constraintCls?: unknown;
  each?: boolean;
  validateIf?: (object: object, value: unknown) => boolean;
}

export interface ConstraintLike {
  async?: boolean;
  instance: { validate(value: unknown, args: object): unknown };
}

/** class-validator's `MetadataStorage`, as `getMetadataStorage()` returns it. */
export interface MetadataStorageLike {
  getTargetValidationMetadatas(
    target: unknown,
    schema: string | undefined,
    always: boolean,
    strictGroups: boolean,
    groups?: string[],
  ): ValidationMetadataLike[];
  getTargetValidatorConstraints(target: unknown): ConstraintLike[];
}

/** class-validator's metadata storage, when the loaded package exposes one. */
export function metadataStorageOf(validator: unknown): MetadataStorageLike | undefined {
  const getMetadataStorage = (validator as { getMetadataStorage?: unknown } | null)
    ?.getMetadataStorage;
  return typeof getMetadataStorage === 'function'
    ? (getMetadataStorage as () => MetadataStorageLike)()
    : undefined;
}
