// One memoised component per node kind, created once at module scope (React Flow re-mounts every
// node when `nodeTypes` changes identity).
import { createElement, memo } from 'react';
import type { NodeProps, NodeTypes } from '@xyflow/react';
import { nodeKinds } from '../../model/index.ts';
import type { NodeKind } from '../../model/index.ts';
import type { OpNode } from '../editor/flow.ts';
import { OperatorNode } from './OperatorNode.tsx';

function nodeComponentFor(kind: NodeKind) {
  const Component = memo(function KindNode(props: NodeProps<OpNode>) {
    return createElement(OperatorNode, {
      id: props.id,
      kind,
      params: props.data.params,
      label: props.data.label,
      selected: props.selected,
    });
  });
  Component.displayName = `${kind}Node`;
  return Component;
}

export const nodeTypes: NodeTypes = Object.fromEntries(nodeKinds.map((k) => [k, nodeComponentFor(k)]));
