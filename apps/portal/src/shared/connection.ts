/** The nodes of one page of a Relay connection. */
export function nodesOf<Node>(
  connection: { edges: ReadonlyArray<{ node: Node }> } | null | undefined,
): Node[] | undefined {
  return connection?.edges.map((edge) => edge.node);
}
