// The React Flow canvas over the editor store: nodes and edges derived from the job, changes and
// connections written back as job edits, palette items dropped at the pointer.
import { Background, Controls, MiniMap, Panel, ReactFlow, useReactFlow } from '@xyflow/react';
import { CanvasStatusLegend } from '../nodes/StatusLegend.tsx';
import type { Viewport } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import type { DragEvent } from 'react';
import { nodeKinds } from '../../model/index.ts';
import type { NodeKind } from '../../model/index.ts';
import { edgeTypes } from '../nodes/FlowEdge.tsx';
import { nodeTypes } from '../nodes/nodeTypes.ts';
import { KIND_MIME } from '../palette/Palette.tsx';
import { publishViewport, sameViewport, subscribeViewport } from '../compare/viewportSync.ts';
import { autoLayout } from '../editor/autoLayout.ts';
import { announce, importJobFile } from '../shell/importFile.ts';
import { useEditor } from '../editor/store.ts';
import { useShortcuts } from '../editor/useShortcuts.ts';

const deleteKeys = ['Delete', 'Backspace'];
const fitViewOptions = { padding: 0.12, maxZoom: 1.3 };
const miniMapStyle = { width: 150, height: 96 };
const LARGE_GRAPH = 60;

/**
 * `single`: the one canvas. In compare mode, `primary` (tools and keyboard shortcuts, no minimap)
 * and `secondary` (neither: the same graph, the other engine's telemetry).
 */
export function Canvas({ variant = 'single', label = 'Job graph' }: { variant?: 'single' | 'primary' | 'secondary'; label?: string }) {
  const secondary = variant === 'secondary';
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const onNodesChange = useEditor((s) => s.onNodesChange);
  const onEdgesChange = useEditor((s) => s.onEdgesChange);
  const connect = useEditor((s) => s.connect);
  const deleteElements = useEditor((s) => s.deleteElements);
  const flow = useReactFlow();
  useShortcuts(!secondary);
  useFitOnOpen();
  const sync = useViewportSync(variant);

  // A large graph renders only what is in view (React Flow's own culling).
  const large = nodes.length > LARGE_GRAPH;
  const onDragOver = (e: DragEvent) => {
    if (!e.dataTransfer.types.includes(KIND_MIME) && !e.dataTransfer.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  };
  const onDrop = (e: DragEvent) => {
    const file = e.dataTransfer.files[0];
    if (file) {
      // A job file dropped onto the canvas is imported (validated; a rejected one changes nothing).
      e.preventDefault();
      void importJobFile(file).then(announce);
      return;
    }
    const kind = e.dataTransfer.getData(KIND_MIME) as NodeKind;
    if (!nodeKinds.includes(kind)) return;
    e.preventDefault();
    const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    const s = useEditor.getState();
    s.selectOnly(s.addNode(kind, { x: Math.round(p.x - 90), y: Math.round(p.y - 30) }));
  };

  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={connect}
      onDelete={({ nodes: n, edges: e }) => deleteElements(n.map((x) => x.id), e.map((x) => x.id))}
      onDragOver={onDragOver}
      onDrop={onDrop}
      deleteKeyCode={deleteKeys}
      fitView
      fitViewOptions={fitViewOptions}
      minZoom={0.2}
      onlyRenderVisibleElements={large}
      onMove={sync.onMove}
      onMoveEnd={sync.onMoveEnd}
      aria-label={label}
    >
      <Background gap={24} />
      {variant === 'single' && <MiniMap pannable zoomable ariaLabel="Mini map" style={miniMapStyle} />}
      <Controls />
      <CanvasStatusLegend />
      {variant === 'single' && (
        <Panel position="top-right" className="canvas-tools">
          <CanvasTools />
        </Panel>
      )}
    </ReactFlow>
  );
}

/**
 * Compare mode: the two canvases keep one viewport. A gesture is passed on as it happens; any move
 * (a gesture, the zoom buttons, fitting the view) once it ends. A canvas already showing a viewport
 * ignores it, which ends the echo.
 */
function useViewportSync(variant: 'single' | 'primary' | 'secondary') {
  const flow = useReactFlow();
  useEffect(() => {
    if (variant === 'single') return;
    return subscribeViewport((from, v) => {
      if (from !== variant && !sameViewport(flow.getViewport(), v)) void flow.setViewport(v);
    });
  }, [variant, flow]);
  if (variant === 'single') return { onMove: undefined, onMoveEnd: undefined };
  return {
    onMove: (event: MouseEvent | TouchEvent | null, v: Viewport) => {
      if (event !== null) publishViewport(variant, v);
    },
    onMoveEnd: (_event: MouseEvent | TouchEvent | null, v: Viewport) => publishViewport(variant, v),
  };
}

/** A newly opened document (a scenario, a link, an import) is fitted into view, as at start. */
function useFitOnOpen() {
  const baseline = useEditor((s) => s.baseline);
  const flow = useReactFlow();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const id = requestAnimationFrame(() => void flow.fitView(fitViewOptions));
    return () => cancelAnimationFrame(id);
  }, [baseline, flow]);
}

/** Undo, redo and auto-layout (over the canvas, or in compare mode in the first canvas's title bar). */
export function CanvasTools() {
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  const flow = useReactFlow();
  const onLayout = () => {
    const s = useEditor.getState();
    s.setPositions(autoLayout(s.nodes, s.edges));
    requestAnimationFrame(() => void flow.fitView(fitViewOptions));
  };
  return (
    <>
      <button type="button" onClick={() => useEditor.getState().undo()} disabled={!canUndo} title="Ctrl+Z">Undo</button>
      <button type="button" onClick={() => useEditor.getState().redo()} disabled={!canRedo} title="Ctrl+Shift+Z">Redo</button>
      <button type="button" onClick={onLayout}>Auto-layout</button>
    </>
  );
}
