import { readFileSync } from 'fs';
import { join } from 'path';
import type { OpenRpcInfo } from './openrpc.types';

/** Title and version when neither the option nor a package.json gives one. */
const FALLBACK: OpenRpcInfo = { title: 'JSON-RPC API', version: '0.0.0' };

/** The `name` and `version` of the package.json in the working directory (the app's, once started). */
export function defaultInfo(dir = process.cwd()): OpenRpcInfo {
  try {
    const { name, version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      name?: unknown;
      version?: unknown;
    };
    return {
      title: typeof name === 'string' && name ? name : FALLBACK.title,
      version: typeof version === 'string' && version ? version : FALLBACK.version,
    };
  } catch {
    return { ...FALLBACK };
  }
}
