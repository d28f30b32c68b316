import { ArgumentMetadata, Injectable, Optional, ValidationPipe } from '@nestjs/common';
import type { ValidationPipeOptions } from '@nestjs/common';
import { isThenable } from '../utils/is-thenable';
import { isJsonObject } from './json-shape';
import { classTransformerStorageOf } from './class-transformer-internals';
import { metadataStorageOf } from './class-validator-internals';
import { PlainToInstance } from './plain-to-instance';
import { UNDECIDED, ValidationPlanner } from './validation.planner';

interface Transformer {
  plainToInstance(type: unknown, value: unknown, options?: unknown): unknown;
  classToPlain(value: unknown, options?: unknown): unknown;
}

/**
 * `ValidationPipe` with the same options, decorators, results and errors, made
 * cheap for the common case: a JSON object that passes. Each DTO's rules are
 * collected from class-validator's metadata once, and a valid object is
 * accepted synchronously, with no promise; everything else — an invalid
 * object, an async constraint, `@ValidateNested` on a value that is not an
 * object, a primitive — goes to `ValidationPipe` itself, which builds the
 * error as it always does. Works on HTTP routes too.
 *
 * @example
 * app.useGlobalPipes(new RpcValidationPipe({ transform: true, whitelist: true }));
 */
@Injectable()
export class RpcValidationPipe extends ValidationPipe {
  private planner?: ValidationPlanner;
  private transformer?: Transformer;
  private instances?: PlainToInstance;
  /** As ValidationPipe: without transform, the validated copy when options may change it, else the value. */
  private readonly returnsValidatedCopy: boolean;

  constructor(@Optional() options?: ValidationPipeOptions) {
    super(options);
    this.returnsValidatedCopy = Object.keys(this.validatorOptions).length > 1;
    // Nest 11 loads both packages synchronously, Nest 12 with import(): until they are
    // loaded, every value takes ValidationPipe's own path, which waits for them.
    const validator = this.loadValidator(options?.validatorPackage);
    const transformer = this.loadTransformer(options?.transformerPackage);
    if (isThenable(validator) || isThenable(transformer)) {
      Promise.all([validator, transformer]).then(
        ([loadedValidator, loadedTransformer]) => this.plan(loadedValidator, loadedTransformer),
        // ValidationPipe reports a missing package itself.
        () => undefined,
      );
    } else {
      this.plan(validator, transformer);
    }
  }

  private plan(validator: unknown, transformer: unknown): void {
    // Without class-validator's metadata storage every value takes ValidationPipe's path.
    const storage = metadataStorageOf(validator);
    if (!storage) return;
    this.transformer = transformer as Transformer;
    this.planner = new ValidationPlanner(storage, this.validatorOptions);
    const transformerStorage = classTransformerStorageOf(transformer);
    if (transformerStorage)
      this.instances = new PlainToInstance(transformerStorage, this.transformOptions);
  }

  // A value when accepted here, a promise from ValidationPipe otherwise: PipeTransform allows both.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override transform(value: unknown, metadata: ArgumentMetadata): any {
    const accepted = this.accept(value, metadata);
    return accepted === UNDECIDED ? super.transform(value, metadata) : accepted;
  }

  /** The pipe's result for a JSON object that passes; UNDECIDED for anything else. */
  private accept(value: unknown, metadata: ArgumentMetadata): unknown {
    // A copy only when `expectedType` replaces the metatype: this runs on every call.
    const target = this.expectedType ? { ...metadata, metatype: this.expectedType } : metadata;
    const metatype = target.metatype;
    if (
      !this.planner ||
      !this.transformer ||
      !metatype ||
      !this.toValidate(target) ||
      !isJsonObject(value)
    ) {
      return UNDECIDED;
    }
    const entity =
      this.instances?.convert(metatype, value) ??
      this.transformer.plainToInstance(metatype, value, this.transformOptions);
    if (
      entity === null ||
      typeof entity !== 'object' ||
      entity.constructor !== metatype ||
      this.planner.check(entity) === UNDECIDED
    ) {
      return UNDECIDED;
    }
    if (this.isTransformEnabled) return entity;
    return this.returnsValidatedCopy
      ? this.transformer.classToPlain(entity, this.transformOptions)
      : value;
  }
}
