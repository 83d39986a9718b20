import type { NodeOf } from '../../model/index.ts';
import type { SourceCursor } from './cursor.ts';
import { createGeneratorCursor } from './generator.ts';
import { createScriptedCursor } from './scripted.ts';

export type { SourceCursor, SourceItem } from './cursor.ts';

export function createSourceCursor(node: NodeOf<'source'>, seed: number): SourceCursor {
  const partitions = node.params.partitions;
  if (node.params.generator) return createGeneratorCursor(node.params.generator, partitions, seed, node.id);
  return createScriptedCursor(node.params.records ?? [], partitions);
}
