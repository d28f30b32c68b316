"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ValidationPlanner = exports.UNDECIDED = void 0;
const is_thenable_1 = require("../utils/is-thenable");
/** The answer when a value cannot be judged here: ask class-validator itself. */
exports.UNDECIDED = Symbol('undecided');
/**
 * class-validator's verdict on an object, computed from the same metadata and
 * the same constraint instances, with the rules of each class collected once
 * instead of on every call. It only says "valid" (after stripping properties
 * under `whitelist`, as class-validator does); anything else — an error, an
 * async constraint, promise validation, an unknown metadata type — is
 * UNDECIDED, and the caller lets class-validator produce the real errors.
 */
class ValidationPlanner {
    constructor(storage, options) {
        this.storage = storage;
        this.options = options;
        this.plans = new Map();
        this.always = options.always ?? false;
        this.strictGroups = options.strictGroups ?? false;
        this.forbidUnknownValues = options.forbidUnknownValues !== false;
    }
    /** True when class-validator would find no error; UNDECIDED when it must be asked. */
    check(object) {
        return this.execute(object, undefined) ? true : exports.UNDECIDED;
    }
    execute(object, schema) {
        const plan = this.planFor(object.constructor, schema);
        if (!plan)
            return false;
        if (this.forbidUnknownValues && plan.properties.length === 0)
            return false;
        if (this.options.whitelist && !this.whitelist(object, plan))
            return false;
        const record = object;
        for (const property of plan.properties) {
            if (!this.performValidations(object, record[property.name], property))
                return false;
        }
        return true;
    }
    whitelist(object, plan) {
        for (const key of Object.keys(object)) {
            if (plan.allowed.has(key))
                continue;
            if (this.options.forbidNonWhitelisted)
                return false;
            delete object[key];
        }
        return true;
    }
    performValidations(object, value, property) {
        for (const condition of property.conditions) {
            const test = condition.constraints?.[0];
            if (!test(object, value))
                return true;
        }
        if (!this.passes(object, value, property.defined))
            return false;
        const { skipUndefinedProperties, skipNullProperties, skipMissingProperties } = this.options;
        if (value === undefined && skipUndefinedProperties === true)
            return true;
        if (value === null && skipNullProperties === true)
            return true;
        if ((value === null || value === undefined) && skipMissingProperties === true)
            return true;
        return this.passes(object, value, property.custom) && this.nestedValid(value, property.nested);
    }
    passes(object, value, rules) {
        for (const { metadata, constraints } of rules) {
            if (metadata.validateIf && !metadata.validateIf(object, value))
                continue;
            const args = {
                targetName: object.constructor?.name,
                property: metadata.propertyName,
                object,
                value,
                constraints: metadata.constraints,
            };
            const each = metadata.each && isCollection(value);
            for (const { instance } of constraints) {
                if (each) {
                    for (const item of valuesOf(value))
                        if (!verdict(instance.validate(item, args)))
                            return false;
                }
                else if (!verdict(instance.validate(value, args))) {
                    return false;
                }
            }
        }
        return true;
    }
    nestedValid(value, nested) {
        if (value === undefined)
            return true;
        for (const metadata of nested) {
            if (isCollection(value)) {
                for (const item of valuesOf(value)) {
                    if (!this.nestedItemValid(item, nested))
                        return false;
                }
            }
            else if (value instanceof Object) {
                const target = metadata.target;
                if (!this.execute(value, typeof target === 'string' ? target : target.name))
                    return false;
            }
            else {
                return false;
            }
        }
        return true;
    }
    /** An element of a nested collection, as class-validator's performValidations sees it. */
    nestedItemValid(item, nested) {
        const { skipUndefinedProperties, skipNullProperties, skipMissingProperties } = this.options;
        if (item === undefined && skipUndefinedProperties === true)
            return true;
        if (item === null && skipNullProperties === true)
            return true;
        if ((item === null || item === undefined) && skipMissingProperties === true)
            return true;
        return this.nestedValid(item, nested);
    }
    planFor(target, schema) {
        let bySchema = this.plans.get(target);
        if (!bySchema)
            this.plans.set(target, (bySchema = new Map()));
        let plan = bySchema.get(schema);
        if (plan === undefined) {
            plan = this.compile(target, schema);
            bySchema.set(schema, plan);
        }
        return plan;
    }
    /** The class's rules in class-validator's order, or null when some cannot be judged synchronously. */
    compile(target, schema) {
        const metadatas = this.storage.getTargetValidationMetadatas(target, schema, this.always, this.strictGroups, this.options.groups);
        const byName = new Map();
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
                    if (constraints.some((constraint) => constraint.async))
                        return null;
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
exports.ValidationPlanner = ValidationPlanner;
/** A constraint's answer; a promise cannot be judged here. */
function verdict(result) {
    return !(0, is_thenable_1.isThenable)(result) && Boolean(result);
}
function isCollection(value) {
    return Array.isArray(value) || value instanceof Set || value instanceof Map;
}
function valuesOf(value) {
    return value instanceof Map ? value.values() : value;
}
//# sourceMappingURL=validation-plan.js.map