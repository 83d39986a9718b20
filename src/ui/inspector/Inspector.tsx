// The right-hand panel: the selected node's parameters, or the job's settings when none is.
import type { ComponentType } from 'react';
import type { NodeKind } from '../../model/index.ts';
import { kindTitles } from '../editor/defaults.ts';
import { fieldOf } from '../shell/problemWords.ts';
import { useEditor } from '../editor/store.ts';
import { NumberInput, TextInput } from './fields.tsx';
import { SettingsInspector } from './SettingsInspector.tsx';
import type { ParamsEditorProps } from './params/patch.ts';
import * as P from './params/SimpleParams.tsx';
import { SourceParams } from './params/SourceParams.tsx';
import { WindowParams } from './params/WindowParams.tsx';

const editors: Record<NodeKind, ComponentType<ParamsEditorProps> | null> = {
  source: SourceParams,
  watermark: P.WatermarkParams,
  filter: P.FilterParams,
  map: P.MapParams,
  keyBy: P.KeyByParams,
  window: WindowParams,
  dropLate: P.DropLateParams,
  dedup: P.DedupParams,
  join: P.JoinParams,
  union: null,
  sink: P.SinkParams,
};

export function Inspector() {
  const selection = useEditor((s) => s.selection);
  return (
    <aside className="inspector" aria-label="Inspector">
      {selection.length === 1 ? <NodeInspector id={selection[0]!} key={selection[0]} />
        : selection.length > 1 ? <p className="muted">{selection.length} nodes selected. Delete removes them; Ctrl+C copies them.</p>
        : <SettingsInspector />}
    </aside>
  );
}

function NodeInspector({ id }: { id: string }) {
  const node = useEditor((s) => s.job.nodes.find((n) => n.id === id));
  const updateNodeMeta = useEditor((s) => s.updateNodeMeta);
  const problems = useEditor((s) => s.problems);
  if (!node) return null;
  const Editor = editors[node.kind];
  const mine = problems.filter((p) => p.nodeId === id);
  return (
    <form className="inspector-form" onSubmit={(e) => e.preventDefault()} aria-labelledby="inspector-title">
      <h2 className="panel-title" id="inspector-title">
        {kindTitles[node.kind]} <code>{node.id}</code>
      </h2>
      {mine.length > 0 && (
        <ul className="inspector-problems">
          {mine.map((p, i) => <li key={i} className={p.severity}>{fieldOf(p.path) ? `${fieldOf(p.path)}: ` : ''}{p.message}</li>)}
        </ul>
      )}
      <TextInput label="Label" value={node.label} placeholder={node.id} onChange={(v) => updateNodeMeta(id, { label: v || undefined })} />
      {Editor ? <Editor id={id} params={node.params as Record<string, unknown>} /> : <p className="muted">No parameters.</p>}
      <fieldset>
        <legend>Execution</legend>
        <NumberInput label="Parallelism" min={1} value={node.parallelism ?? 1} onChange={(v) => updateNodeMeta(id, { parallelism: v === 1 ? undefined : v })} />
        <NumberInput label="Cost per record (ms)" min={0} value={node.costMs ?? 0} onChange={(v) => updateNodeMeta(id, { costMs: v || undefined })}
          hint="Simulated processing time per record: a high cost makes a slow operator." />
      </fieldset>
    </form>
  );
}
