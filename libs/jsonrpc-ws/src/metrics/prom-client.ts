/** prom-client is an optional peer: loaded when metrics are enabled, not when the library is. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const promClient = () => require('prom-client') as typeof import('prom-client');
