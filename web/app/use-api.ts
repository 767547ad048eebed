import { useEffect, useState } from 'react';
import { ApiError, getJson } from './api.ts';

export type Loaded<T> =
  { state: 'loading' } | { state: 'failed'; error: ApiError } | { state: 'ready'; data: T };

/** Reads `load()` when `key` changes; what was read before is dropped, not shown as current. */
export function useLoaded<T>(key: string, load: () => Promise<T>): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    let current = true;
    setLoaded({ state: 'loading' });
    load().then(
      (data) => current && setLoaded({ state: 'ready', data }),
      (error: unknown) =>
        current &&
        setLoaded({
          state: 'failed',
          error: error instanceof ApiError ? error : new ApiError(0, 'INCONNU', String(error)),
        }),
    );
    return () => {
      current = false;
    };
    // `key` says when to read again: `load` is a new closure at each render.
  }, [key]);
  return loaded;
}

export const useApi = <T>(path: string, declarant?: string) =>
  useLoaded<T>(`${path}|${declarant ?? ''}`, () => getJson<T>(path, declarant));
