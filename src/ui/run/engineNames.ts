// What the app calls each engine mode.
import type { Mode } from '../../model/index.ts';

export const engineNames: Record<Mode, string> = { microbatch: 'Spark', dataflow: 'Flink' };
