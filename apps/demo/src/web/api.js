// The demo's API page: asks the server for its OpenRPC document (`rpc.discover`, public)
// and lists methods with their params, result and errors, and the server's notifications.
import { JsonRpcClient } from '/client.js';

const $ = (id) => document.getElementById(id);
const scheme = location.protocol === 'https:' ? 'wss' : 'ws';

/** An element with children: strings become text, never markup. */
function el(tag, attributes = {}, ...children) {
  const element = Object.assign(document.createElement(tag), attributes);
  element.append(...children.filter((child) => child !== undefined && child !== null));
  return element;
}

const json = (value) => el('pre', {}, JSON.stringify(value, null, 2));

const SCHEMA_REF = '#/components/schemas/';

function schemaCell(schema) {
  const ref = typeof schema?.$ref === 'string' && schema.$ref.startsWith(SCHEMA_REF);
  if (!ref) return json(schema);
  const name = schema.$ref.slice(SCHEMA_REF.length);
  return el('a', { href: `#schema-${name}` }, name);
}

function paramsTable(params) {
  return el(
    'table',
    {},
    el('tr', {}, el('th', {}, 'param'), el('th', {}, 'required'), el('th', {}, 'schema')),
    ...params.map((p) =>
      el(
        'tr',
        { className: 'param' },
        el('td', {}, el('code', {}, p.name)),
        el('td', {}, p.required ? 'yes' : 'no'),
        el('td', {}, schemaCell(p.schema)),
      ),
    ),
  );
}

function paramsOf(item) {
  if (item['x-params-schema'] !== undefined)
    return el('div', {}, 'Params (as a whole): ', schemaCell(item['x-params-schema']));
  if (item.params.length === 0) return el('p', {}, 'No params.');
  return el('div', {}, `Params (${item.paramStructure ?? 'either'}):`, paramsTable(item.params));
}

function heading(item) {
  return el(
    'h3',
    {},
    el('code', {}, item.name),
    ...(item.tags ?? []).map((tag) => el('span', { className: 'tag' }, tag.name)),
    item.deprecated ? el('span', { className: 'deprecated' }, 'deprecated') : undefined,
  );
}

function methodSection(method) {
  return el(
    'section',
    { className: 'item method', id: `method-${method.name}` },
    heading(method),
    method.summary ? el('p', {}, method.summary) : undefined,
    method.description ? el('p', {}, method.description) : undefined,
    paramsOf(method),
    el('div', {}, 'Result: ', schemaCell(method.result?.schema ?? {})),
    el(
      'div',
      {},
      'Errors: ',
      ...(method.errors ?? []).map((e, i) =>
        el('span', {}, i ? ', ' : '', el('code', {}, String(e.code)), ` ${e.message}`),
      ),
    ),
    ...(method.examples ?? []).map((example) =>
      el('details', {}, el('summary', {}, `Example: ${example.name}`), json(example)),
    ),
  );
}

function notificationSection(notification) {
  return el(
    'section',
    { className: 'item notification', id: `notification-${notification.name}` },
    heading(notification),
    notification.summary ? el('p', {}, notification.summary) : undefined,
    paramsOf(notification),
  );
}

function render(doc) {
  document.title = `${doc.info.title} API`;
  $('title').textContent = `${doc.info.title} ${doc.info.version}`;
  const servers = (doc.servers ?? []).map((server) => server.url).join(', ');
  $('summary').textContent =
    `OpenRPC ${doc.openrpc}: ${doc.methods.length} methods at ${servers}, ` +
    `${(doc['x-notifications'] ?? []).length} notifications.`;
  $('methods').replaceChildren(...doc.methods.map(methodSection));
  $('notifications').replaceChildren(...(doc['x-notifications'] ?? []).map(notificationSection));
  $('schemas').replaceChildren(
    ...Object.entries(doc.components?.schemas ?? {}).map(([name, schema]) =>
      el('section', { className: 'item', id: `schema-${name}` }, el('h3', {}, name), json(schema)),
    ),
  );
}

const client = new JsonRpcClient({ url: `${scheme}://${location.host}/ws` });
client
  .call('rpc.discover')
  .then(render, (error) => {
    $('error').hidden = false;
    $('error').textContent = `rpc.discover failed: ${error.message}`;
  })
  .finally(() => client.close());
