"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.RpcValidationPipe = void 0;
const common_1 = require("@nestjs/common");
const is_thenable_1 = require("../utils/is-thenable");
const json_shape_1 = require("./json-shape");
const validation_plan_1 = require("./validation-plan");
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
let RpcValidationPipe = class RpcValidationPipe extends common_1.ValidationPipe {
    constructor(options) {
        super(options);
        this.returnsValidatedCopy = Object.keys(this.validatorOptions).length > 1;
        // Nest 11 loads both packages synchronously, Nest 12 with import(): until they are
        // loaded, every value takes ValidationPipe's own path, which waits for them.
        const validator = this.loadValidator(options?.validatorPackage);
        const transformer = this.loadTransformer(options?.transformerPackage);
        if ((0, is_thenable_1.isThenable)(validator) || (0, is_thenable_1.isThenable)(transformer)) {
            Promise.all([validator, transformer]).then(([loadedValidator, loadedTransformer]) => this.plan(loadedValidator, loadedTransformer), 
            // ValidationPipe reports a missing package itself.
            () => undefined);
        }
        else {
            this.plan(validator, transformer);
        }
    }
    plan(validator, transformer) {
        // Without class-validator's metadata storage every value takes ValidationPipe's path.
        const storage = validator.getMetadataStorage?.();
        if (!storage)
            return;
        this.transformer = transformer;
        this.planner = new validation_plan_1.ValidationPlanner(storage, this.validatorOptions);
    }
    // A value when accepted here, a promise from ValidationPipe otherwise: PipeTransform allows both.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    transform(value, metadata) {
        const accepted = this.accept(value, metadata);
        return accepted === validation_plan_1.UNDECIDED ? super.transform(value, metadata) : accepted;
    }
    /** The pipe's result for a JSON object that passes; UNDECIDED for anything else. */
    accept(value, metadata) {
        // A copy only when `expectedType` replaces the metatype: this runs on every call.
        const target = this.expectedType ? { ...metadata, metatype: this.expectedType } : metadata;
        const metatype = target.metatype;
        if (!this.planner ||
            !this.transformer ||
            !metatype ||
            !this.toValidate(target) ||
            !(0, json_shape_1.isJsonObject)(value)) {
            return validation_plan_1.UNDECIDED;
        }
        const entity = this.transformer.plainToInstance(metatype, value, this.transformOptions);
        if (entity === null ||
            typeof entity !== 'object' ||
            entity.constructor !== metatype ||
            this.planner.check(entity) === validation_plan_1.UNDECIDED) {
            return validation_plan_1.UNDECIDED;
        }
        if (this.isTransformEnabled)
            return entity;
        return this.returnsValidatedCopy
            ? this.transformer.classToPlain(entity, this.transformOptions)
            : value;
    }
};
exports.RpcValidationPipe = RpcValidationPipe;
exports.RpcValidationPipe = RpcValidationPipe = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Optional)()),
    __metadata("design:paramtypes", [Object])
], RpcValidationPipe);
//# sourceMappingURL=rpc-validation.pipe.js.map