import { methodTree, TreeNode } from './method-tree';

/** The tree as `key → accessor` for methods and `key: { … }` for namespaces. */
function shape(nodes: TreeNode<{ name: string }>[]): unknown {
  return nodes.map((node) =>
    node.kind === 'method'
      ? `${node.key} → ${node.accessor} (${node.method.name})`
      : { [node.key]: shape(node.children) },
  );
}

const tree = (names: string[], reserved?: string[]) =>
  shape(
    methodTree(
      names.map((name) => ({ name })),
      reserved,
    ).children,
  );

describe('methodTree', () => {
  it('groups by the dotted name, in the order of the document', () => {
    expect(tree(['math.add', 'echo', 'math.sub', 'a.b.c'])).toEqual([
      { math: ['add → api.math.add (math.add)', 'sub → api.math.sub (math.sub)'] },
      'echo → api.echo (echo)',
      { a: [{ b: ['c → api.a.b.c (a.b.c)'] }] },
    ]);
  });

  it('quotes segments that are no identifiers, empty ones included', () => {
    expect(tree(['get-data', 'x..y'])).toEqual([
      "get-data → api['get-data'] (get-data)",
      { x: [{ '': ["y → api.x[''].y (x..y)"] }] },
    ]);
  });

  it('gives a method whose key a namespace or a reserved root key holds a trailing _', () => {
    expect(tree(['chat.send', 'chat', 'on', 'on.x'], ['on'])).toEqual([
      'chat_ → api.chat_ (chat)',
      { chat: ['send → api.chat.send (chat.send)'] },
      'on__ → api.on__ (on)',
      { on_: ['x → api.on_.x (on.x)'] },
    ]);
  });
});
