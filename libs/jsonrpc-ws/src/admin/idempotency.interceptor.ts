import {
  BadRequestException,
  CallHandler,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
  UnprocessableEntityException,
} from '@nestjs/common';
import { createHash } from 'crypto';
import type { IncomingHttpHeaders } from 'http';
import { from, lastValueFrom, Observable } from 'rxjs';
import { setHeader } from '../http/raw-http';
import { ADMIN_API_OPTIONS, ResolvedAdminApiOptions } from './admin-api-options';
import { IdempotencyStore } from './idempotency.store';

/** Printable ASCII, as the IETF draft and Stripe accept. */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` on a `POST`: the first request runs, and any retry with the
 * same key and body within the window gets the same answer without delivering
 * again (`Idempotent-Replayed: true`), even while the first is still running. A
 * key reused with another body answers 422; a failed request is not remembered.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly store: IdempotencyStore;

  constructor(@Inject(ADMIN_API_OPTIONS) options: ResolvedAdminApiOptions) {
    this.store = new IdempotencyStore(options.idempotencyTtlMs, options.maxIdempotencyKeys);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<{
      method: string;
      headers: IncomingHttpHeaders;
      body?: unknown;
    }>();
    const header = request.headers['idempotency-key'];
    if (request.method !== 'POST' || header === undefined) return next.handle();
    if (typeof header !== 'string' || !KEY_PATTERN.test(header)) {
      throw new BadRequestException('Idempotency-Key must be 1 to 255 printable ASCII characters');
    }
    // Keys are per endpoint: the same key on /send and /publish are two requests.
    const key = `${context.getHandler().name}:${header}`;
    const fingerprint = createHash('sha256')
      .update(JSON.stringify(request.body ?? null))
      .digest('hex');
    const known = this.store.get(key);
    if (known) {
      if (known.fingerprint !== fingerprint) {
        throw new UnprocessableEntityException(
          'Idempotency-Key was already used with another body',
        );
      }
      setHeader(http.getResponse(), 'Idempotent-Replayed', 'true');
      return from(known.result);
    }
    const result = lastValueFrom(next.handle());
    this.store.set(key, fingerprint, result);
    result.catch(() => this.store.forget(key, result));
    return from(result);
  }
}
