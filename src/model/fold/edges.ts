// The one name of an edge in folded results: the command line's `metrics.recordsPerEdge` and the
// app's flows use the same key, so their counts can be compared key by key.
export const edgeKey = (from: string, fromPort: 'out' | 'late', to: string): string =>
  `${from}->${to}${fromPort === 'late' ? ':late' : ''}`;

/** The parts of an edgeKey (node ids hold no `>` or `:`, so the key reads back unambiguously). */
export function parseEdgeKey(key: string): { from: string; fromPort: 'out' | 'late'; to: string } | null {
  const arrow = key.indexOf('->');
  if (arrow < 0) return null;
  const late = key.endsWith(':late');
  return { from: key.slice(0, arrow), fromPort: late ? 'late' : 'out', to: key.slice(arrow + 2, late ? -':late'.length : undefined) };
}
