import jsonSchemaMetaSchema from '@json-schema-tools/meta-schema';
import metaSchema from '@open-rpc/meta-schema';
import Ajv from 'ajv';

/**
 * Checks documents against the OpenRPC meta-schema. Its schemas are in the JSON
 * Schema dialect of @json-schema-tools/meta-schema (draft 7), which it refers to as
 * https://meta.json-schema.tools with and without a slash: ajv gets it under both.
 */
function createAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  for (const id of ['https://meta.json-schema.tools/', 'https://meta.json-schema.tools'])
    ajv.addMetaSchema({ ...jsonSchemaMetaSchema, $id: id });
  ajv.addSchema(metaSchema, 'openrpc');
  return ajv;
}

const ajv = createAjv();
const validateDocument = ajv.getSchema('openrpc')!;
const validateMethod = ajv.compile({ $ref: 'openrpc#/definitions/methodObject' });

/** The meta-schema's complaints about a document (and its notifications, as method objects); [] when valid. */
export function openRpcErrors(document: unknown): string[] {
  const errors: string[] = [];
  if (!validateDocument(document)) errors.push(ajv.errorsText(validateDocument.errors));
  const notifications = (document as { 'x-notifications'?: unknown[] })['x-notifications'] ?? [];
  for (const notification of notifications) {
    if (!validateMethod(notification)) errors.push(ajv.errorsText(validateMethod.errors));
  }
  return errors;
}
