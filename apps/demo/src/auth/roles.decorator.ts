import { SetMetadata } from '@nestjs/common';

export const ROLES = 'demo:roles';

/** Roles a caller needs, checked by `RolesGuard`. */
export const Roles = (...roles: string[]) => SetMetadata(ROLES, roles);
