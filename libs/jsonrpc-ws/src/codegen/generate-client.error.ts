/** A document the generator cannot read, or a reference inside it that leads nowhere. */
export class GenerateClientError extends Error {
  override readonly name = 'GenerateClientError';
}
