// Every node kind, to click (adds it beside the graph) or drag onto the canvas.
import type { DragEvent } from 'react';
import { nodeKinds } from '../../model/index.ts';
import type { NodeKind } from '../../model/index.ts';
import { kindTitles } from '../editor/defaults.ts';
import { useEditor } from '../editor/store.ts';

export const KIND_MIME = 'application/x-streamlab-kind';

const hints: Record<NodeKind, string> = {
  source: 'records in',
  watermark: 'event-time progress',
  filter: 'keep matching',
  map: 'compute fields',
  keyBy: 'partition by key',
  window: 'aggregate per window',
  dropLate: 'route late records',
  dedup: 'drop duplicates',
  join: 'join two streams',
  union: 'merge streams',
  sink: 'records out',
};

export function Palette() {
  const addNode = useEditor((s) => s.addNode);
  const selectOnly = useEditor((s) => s.selectOnly);
  const onDragStart = (e: DragEvent, kind: NodeKind) => {
    e.dataTransfer.setData(KIND_MIME, kind);
    e.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <nav className="palette" aria-label="Palette">
      <h2 className="panel-title">Operators</h2>
      <ul>
        {nodeKinds.map((kind) => (
          <li key={kind}>
            <button
              type="button"
              className={`palette-item kind-${kind}`}
              aria-label={kind}
              draggable
              onDragStart={(e) => onDragStart(e, kind)}
              onClick={() => selectOnly(addNode(kind))}
            >
              <span className="palette-title">{kindTitles[kind]}</span>
              <span className="palette-hint">{hints[kind]}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
