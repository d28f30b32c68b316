export { generateClient } from './generate-client';
export type { GenerateClientOptions } from './generate-client';
export { GenerateClientError } from './generate-client.error';
export { discoverDocument } from './discover-document';
export type { DiscoverOptions } from './discover-document';
