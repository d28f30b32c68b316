/** A programmer error found while the application starts: it stops the startup. */
export class JsonRpcWsBootstrapError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonRpcWsBootstrapError';
  }
}
