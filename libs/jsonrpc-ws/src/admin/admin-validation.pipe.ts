import { BadRequestException, Type, ValidationError, ValidationPipe } from '@nestjs/common';

/** One field's problems, as a 400 lists them. */
export interface FieldError {
  field: string;
  messages: string[];
}

/**
 * The admin API's validation: unknown fields are refused, and a 400 names each
 * field with its messages (`{ message, errors: [{ field, messages }] }`).
 */
export function adminValidationPipe(expectedType: Type<unknown>): ValidationPipe {
  return new ValidationPipe({
    expectedType,
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors: ValidationError[]) =>
      new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: 'Invalid request',
        errors: fieldErrors(errors),
      }),
  });
}

function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}
