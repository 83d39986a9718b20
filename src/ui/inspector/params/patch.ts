import { useEditor } from '../../editor/store.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyParams = Record<string, any>;

/** Returns `set(patch)`: merges into the node's params, dropping keys set to undefined. */
export function useParamsPatch(id: string, params: AnyParams) {
  const updateParams = useEditor((s) => s.updateParams);
  return (patch: AnyParams) => updateParams(id, withPatch(params, patch));
}

export function withPatch<T extends AnyParams>(obj: T, patch: AnyParams): T {
  const out: AnyParams = { ...obj, ...patch };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out as T;
}

export type ParamsEditorProps = { id: string; params: AnyParams };
