import { Controller, Get, Header } from '@nestjs/common';
import { existsSync, readFileSync } from 'fs';
import { OpenRpcDocument, OpenRpcService } from 'nestjs-jsonrpc-ws';
import { dirname, join } from 'path';

/** The repository root: where the page's files and the client's sources are, built or not. */
function repositoryRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'apps/demo/src/web/index.html'))) return dir;
  }
  throw new Error('The demo page needs the repository (apps/demo/src/web) next to it');
}

/**
 * The demo page at `/`, served from the same origin as `/ws` (so the default origin
 * check passes), with the library's client bundled for the browser by esbuild on
 * first request; the API page at `/api.html`, and the OpenRPC document over HTTP.
 */
@Controller()
export class WebController {
  private readonly root = repositoryRoot();
  private client?: Promise<string>;

  constructor(private readonly openrpc: OpenRpcService) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(): string {
    return this.read('apps/demo/src/web/index.html');
  }

  @Get('app.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  script(): string {
    return this.read('apps/demo/src/web/app.js');
  }

  @Get('api.html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  apiPage(): string {
    return this.read('apps/demo/src/web/api.html');
  }

  @Get('api.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  apiScript(): string {
    return this.read('apps/demo/src/web/api.js');
  }

  /** What `rpc.discover` answers, for tools that read a URL (`curl`, code generators). */
  @Get('openrpc.json')
  document(): OpenRpcDocument {
    return this.openrpc.document();
  }

  @Get('client.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  clientBundle(): Promise<string> {
    this.client ??= this.bundleClient().catch((error: unknown) => {
      this.client = undefined;
      throw error;
    });
    return this.client;
  }

  private read(path: string): string {
    return readFileSync(join(this.root, path), 'utf8');
  }

  private async bundleClient(): Promise<string> {
    // A dev dependency of the repository, loaded only when the page asks for the client.
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [join(this.root, 'libs/jsonrpc-ws/src/client/index.ts')],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2020',
      write: false,
    });
    return result.outputFiles[0]!.text;
  }
}
