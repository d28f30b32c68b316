import { isPropertyName, quote } from './type-names';

export type TreeNode<M> = TreeMethod<M> | TreeNamespace<M>;

export interface TreeMethod<M> {
  kind: 'method';
  key: string;
  /** How a user reaches it: `api.math.add`, `api['get-data']`. */
  accessor: string;
  method: M;
}

export interface TreeNamespace<M> {
  kind: 'namespace';
  key: string;
  children: TreeNode<M>[];
}

interface Draft<M> {
  method?: M;
  children: Map<string, Draft<M>>;
}

/**
 * Groups methods by their dotted names: `math.add` → `math: { add }`. Keys are the name's
 * segments as written (quoted when not identifiers). Where a method's key is taken, by a
 * namespace (`chat` beside `chat.send`) or by a key the module reserves at the root (`on`),
 * the method gets `_` appended until it is free; a namespace on a reserved root key likewise.
 */
export function methodTree<M extends { name: string }>(
  methods: M[],
  reservedRootKeys: string[] = [],
  root = 'api',
): TreeNamespace<M> {
  const top: Draft<M> = { children: new Map() };
  for (const method of methods) {
    let node = top;
    for (const segment of method.name.split('.')) {
      let child = node.children.get(segment);
      if (!child) node.children.set(segment, (child = { children: new Map() }));
      node = child;
    }
    node.method = method;
  }
  return { kind: 'namespace', key: '', children: build(top, root, new Set(reservedRootKeys)) };
}

function build<M>(draft: Draft<M>, accessor: string, taken: Set<string>): TreeNode<M>[] {
  const claim = (segment: string) => {
    let key = segment;
    while (taken.has(key)) key += '_';
    taken.add(key);
    return key;
  };
  const namespaceKeys = new Map<string, string>();
  for (const [segment, child] of draft.children) {
    if (child.children.size > 0) namespaceKeys.set(segment, claim(segment));
  }
  const nodes: TreeNode<M>[] = [];
  for (const [segment, child] of draft.children) {
    if (child.method !== undefined) {
      const key = claim(segment);
      nodes.push({ kind: 'method', key, accessor: access(accessor, key), method: child.method });
    }
    const key = namespaceKeys.get(segment);
    if (key !== undefined) {
      const children = build(child, access(accessor, key), new Set());
      nodes.push({ kind: 'namespace', key, children });
    }
  }
  return nodes;
}

function access(accessor: string, key: string): string {
  return isPropertyName(key) ? `${accessor}.${key}` : `${accessor}[${quote(key)}]`;
}
