// The one name of an edge in folded results: the command line's `metrics.recordsPerEdge` and the
// app's flows use the same key, so their counts can be compared key by key.
export const edgeKey = (from: string, fromPort: 'out' | 'late', to: string): string =>
  `${from}->${to}${fromPort === 'late' ? ':late' : ''}`;
