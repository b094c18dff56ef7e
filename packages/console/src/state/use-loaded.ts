import { type Dispatch, type SetStateAction, useEffect, useState } from 'react';
import { errorMessage } from '../api/http.ts';

/**
 * A list a screen loads once when it opens, kept as state the screen may replace; a failed load becomes the
 * screen's problem in words. An answer arriving after the screen closed is dropped.
 */
export function useLoaded<T>(
  load: () => Promise<T>,
): [T | undefined, Dispatch<SetStateAction<T | undefined>>, string | undefined, (problem?: string) => void] {
  const [value, setValue] = useState<T>();
  const [problem, setProblem] = useState<string>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: loaded once, when the screen opens.
  useEffect(() => {
    let live = true;
    load()
      .then((loaded) => live && setValue(() => loaded))
      .catch((cause: unknown) => live && setProblem(errorMessage(cause)));
    return () => {
      live = false;
    };
  }, []);
  return [value, setValue, problem, setProblem];
}
