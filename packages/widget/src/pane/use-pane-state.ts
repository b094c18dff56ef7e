import { useEffect, useState } from 'preact/hooks';
import type { PaneApi, PaneState } from '../pane-api.ts';

/** Subscribes a component to the loader's state snapshots. */
export function usePaneState(api: PaneApi): PaneState {
  const [state, setState] = useState(api.getState());
  useEffect(() => {
    const unsubscribe = api.subscribe(() => setState(api.getState()));
    setState(api.getState());
    return unsubscribe;
  }, [api]);
  return state;
}
