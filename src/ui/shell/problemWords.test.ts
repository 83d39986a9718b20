import { describe, expect, it } from 'vitest';
import { parseJob } from '../../model/index.ts';
import { emptyJob } from '../editor/emptyJob.ts';
import { fieldOf, messageOf, whereOf } from './problemWords.ts';

describe('problems in the editor’s words', () => {
  it('tells a new, empty job to add a source instead of "nodes must hold at least 1 item"', () => {
    const job = emptyJob();
    const r = parseJob(job, { mode: 'dataflow' });
    expect(r.ok).toBe(false);
    const texts = r.ok ? [] : r.problems.map((p) => `${whereOf(job, { ...p, nodeId: null })}: ${messageOf(job, p)}`);
    expect(texts).toContain('nodes: Add a source from the palette to start.');
    expect(texts.join('\n')).not.toMatch(/at least 1 item/);
  });

  it('names the node by its label (or id), not by its index', () => {
    const nodes = [{ id: 'src', label: 'Clicks' }, { id: 'w' }] as never;
    expect(whereOf({ nodes }, { path: 'nodes[0].params.delayMs', nodeId: 'src' })).toBe('Clicks · params.delayMs');
    expect(whereOf({ nodes }, { path: 'nodes[1]', nodeId: 'w' })).toBe('w');
    expect(whereOf({ nodes }, { path: 'edges[0]', nodeId: null })).toBe('edges[0]');
    expect(fieldOf('nodes[4]')).toBe('');
    expect(fieldOf('nodes[4].params.assigner.sizeMs')).toBe('params.assigner.sizeMs');
  });
});
