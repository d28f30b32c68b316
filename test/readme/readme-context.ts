// What README.md's examples take from an application of their own: every block that
// scripts/check-readme-snippets.mjs type-checks may use these names without importing them.
// Declarations only: nothing here runs.
import type { INestApplication } from '@nestjs/common';
import type { CloseReason, SessionIdentity } from 'nestjs-jsonrpc-ws';

/** The app's user, as `verifyToken` or `authenticate` put it in `session.user`. */
export interface User {
  id: string;
  name: string;
  roles: string[];
  tenantId: string;
}

export interface Order {
  id: number;
  customerId: string;
  status: string;
}

/** The application, in `main.ts` after `NestFactory.create(AppModule)`. */
export declare const app: INestApplication;

export declare class AppModule {}

/** A module of the app's own that provides its `JwtService` or `TokenService`. */
export declare class AuthModule {}

export declare class TokenService {
  verify(token: string): Promise<SessionIdentity<User>>;
}

export declare class LastSeenStore {
  save(userId: string, reason: CloseReason): Promise<void>;
}

export declare function verifyJwt(token: string): Promise<SessionIdentity<User>>;
