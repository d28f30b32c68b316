import { docLines, jsdoc } from './jsdoc';
import type { ModelContext } from './method.model';
import type { NotificationObject } from './openrpc-document';
import { paramsShape } from './params-shape';
import { pascalCase } from './type-names';

/** A server notification as the module writer needs it: its params type, declared, and docs. */
export interface NotificationModel {
  name: string;
  paramsType: string;
  declaration: string;
  doc: string[];
}

export function notificationModel(
  notification: NotificationObject,
  { document, printer, names }: ModelContext,
): NotificationModel {
  const params = paramsShape(notification, document, printer);
  const paramsType = names.claim(`${pascalCase(notification.name, 'Notification')}Notification`);
  const declaration =
    jsdoc([`Params of the server's \`${notification.name}\` notification.`]) +
    `export type ${paramsType} = ${params.kind === 'none' ? 'undefined' : params.type};\n`;
  const doc = docLines(notification, params.doc);
  return { name: notification.name, paramsType, declaration, doc };
}
