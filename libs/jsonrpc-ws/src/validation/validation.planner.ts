import type { ValidatorOptions } from '../pipeline/nest-internals';
import type {
  ConstraintLike,
  MetadataStorageLike,
  ValidationMetadataLike,
} from './class-validator-internals';
import { isThenable } from '../utils/is-thenable';

interface CompiledRule {
  metadata: ValidationMetadataLike;
  constraints: ConstraintLike[];
}

interface PropertyPlan {
  name: string;
  conditions: ValidationMetadataLike[];
  defined: CompiledRule[];
  custom: CompiledRule[];
  nested: ValidationMetadataLike[];
}

/** One class's rules, grouped by property as class-validator groups them. */
interface ClassPlan {
  properties: PropertyPlan[];
  allowed: Set<string>;
}

/** The answer when a value cannot be judged here: ask class-validator itself. */
export const UNDECIDED = Symbol('undecided');

/**
 * class-validator's verdict on an object, computed from the same metadata and
 * the same constraint instances, with the rules of each class collected once
 * instead of on every call. It only says "valid" (after stripping properties
 * under `whitelist`, as class-validator does); anything else — an error, an
 * async constraint, promise validation, an unknown metadata type — is
 * UNDECIDED, and the caller lets class-validator produce the real errors.
 */
export class ValidationPlanner {
  private readonly plans = new Map<unknown, Map<string | undefined, ClassPlan | null>>();
  private readonly always: boolean;
  private readonly strictGroups: boolean;
  private readonly forbidUnknownValues: boolean;

  constructor(
    private readonly storage: MetadataStorageLike,
    private readonly options: ValidatorOptions,
  ) {
    this.always = options.always ?? false;
    this.strictGroups = options.strictGroups ?? false;
    this.forbidUnknownValues = options.forbidUnknownValues !== false;
  }

  /** True when class-validator would find no error; UNDECIDED when it must be asked. */
  check(object: object): true | typeof UNDECIDED {
    return this.execute(object, undefined) ? true : UNDECIDED;
  }

  private execute(object: object, schema: string | undefined): boolean {
    const plan = this.planFor(object.constructor, schema);
    if (!plan) return false;
    if (this.forbidUnknownValues && plan.properties.length === 0) return false;
    if (this.options.whitelist && !this.whitelist(object, plan)) return false;
    const record = object as Record<string, unknown>;
    for (const property of plan.properties) {
      if (!this.performValidations(object, record[property.name], property)) return false;
    }
    return true;
  }

  private whitelist(object: object, plan: ClassPlan): boolean {
    for (const key of Object.keys(object)) {
      if (plan.allowed.has(key)) continue;
      if (this.options.forbidNonWhitelisted) return false;
      delete (object as Record<string, unknown>)[key];
    }
    return true;
  }

  private performValidations(object: object, value: unknown, property: PropertyPlan): boolean {
    for (const condition of property.conditions) {
      const test = condition.constraints?.[0] as (object: object, value: unknown) => boolean;
      if (!test(object, value)) return true;
    }
    if (!this.passes(object, value, property.defined)) return false;
    const { skipUndefinedProperties, skipNullProperties, skipMissingProperties } = this.options;
    if (value === undefined && skipUndefinedProperties === true) return true;
    if (value === null && skipNullProperties === true) return true;
    if ((value === null || value === undefined) && skipMissingProperties === true) return true;
    return this.passes(object, value, property.custom) && this.nestedValid(value, property.nested);
  }

  private passes(object: object, value: unknown, rules: CompiledRule[]): boolean {
    for (const { metadata, constraints } of rules) {
      if (metadata.validateIf && !metadata.validateIf(object, value)) continue;
      const args = {
        targetName: (object.constructor as { name?: string } | undefined)?.name,
        property: metadata.propertyName,
        object,
        value,
        constraints: metadata.constraints,
      };
      const each = metadata.each && isCollection(value);
      for (const { instance } of constraints) {
        if (each) {
          for (const item of valuesOf(value))
            if (!verdict(instance.validate(item, args))) return false;
        } else if (!verdict(instance.validate(value, args))) {
          return false;
        }
      }
    }
    return true;
  }

  private nestedValid(value: unknown, nested: ValidationMetadataLike[]): boolean {
    if (value === undefined) return true;
    for (const metadata of nested) {
      if (isCollection(value)) {
        for (const item of valuesOf(value)) {
          if (!this.nestedItemValid(item, nested)) return false;
        }
      } else if (value instanceof Object) {
        const target = metadata.target as string | { name: string };
        if (!this.execute(value, typeof target === 'string' ? target : target.name)) return false;
      } else {
        return false;
      }
    }
    return true;
  }

  /** An element of a nested collection, as class-validator's performValidations sees it. */
  private nestedItemValid(item: unknown, nested: ValidationMetadataLike[]): boolean {
    const { skipUndefinedProperties, skipNullProperties, skipMissingProperties } = this.options;
    if (item === undefined && skipUndefinedProperties === true) return true;
    if (item === null && skipNullProperties === true) return true;
    if ((item === null || item === undefined) && skipMissingProperties === true) return true;
    return this.nestedValid(item, nested);
  }

  private planFor(target: unknown, schema: string | undefined): ClassPlan | null {
    let bySchema = this.plans.get(target);
    if (!bySchema)
      this.plans.set(target, (bySchema = new Map<string | undefined, ClassPlan | null>()));
    let plan = bySchema.get(schema);
    if (plan === undefined) {
      plan = this.compile(target, schema);
      bySchema.set(schema, plan);
    }
    return plan;
  }

  /** The class's rules in class-validator's order, or null when some cannot be judged synchronously. */
  private compile(target: unknown, schema: string | undefined): ClassPlan | null {
    const metadatas = this.storage.getTargetValidationMetadatas(
      target,
      schema,
      this.always,
      this.strictGroups,
      this.options.groups,
    );
    const byName = new Map<string, PropertyPlan>();
    for (const metadata of metadatas) {
      let property = byName.get(metadata.propertyName);
      if (!property) {
        property = {
          name: metadata.propertyName,
          conditions: [],
          defined: [],
          custom: [],
          nested: [],
        };
        byName.set(metadata.propertyName, property);
      }
      switch (metadata.type) {
        case 'conditionalValidation':
          property.conditions.push(metadata);
          break;
        case 'isDefined':
        case 'customValidation': {
          const constraints = this.storage.getTargetValidatorConstraints(metadata.constraintCls);
          if (constraints.some((constraint) => constraint.async)) return null;
          const rules = metadata.type === 'isDefined' ? property.defined : property.custom;
          rules.push({ metadata, constraints });
          break;
        }
        case 'nestedValidation':
          property.nested.push(metadata);
          break;
        case 'whitelistValidation':
          break;
        default:
          return null;
      }
    }
    return { properties: [...byName.values()], allowed: new Set(byName.keys()) };
  }
}

/** A constraint's answer; a promise cannot be judged here. */
function verdict(result: unknown): boolean {
  return !isThenable(result) && Boolean(result);
}

function isCollection(value: unknown): value is unknown[] | Set<unknown> | Map<unknown, unknown> {
  return Array.isArray(value) || value instanceof Set || value instanceof Map;
}

function valuesOf(value: unknown[] | Set<unknown> | Map<unknown, unknown>): Iterable<unknown> {
  return value instanceof Map ? value.values() : value;
}
