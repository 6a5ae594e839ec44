import { useCallback, useEffect, useRef, useState } from 'react';

export type Load<T> =
  | { status: 'loading'; data?: T; error?: undefined }
  | { status: 'ok'; data: T; error?: undefined }
  | { status: 'error'; data?: T; error: unknown };

/**
 * Loads data on mount and whenever `deps` change; `reload()` fetches again and keeps the previous
 * data visible while loading (no flicker after an action). Aborts on unmount / dependency change.
 */
export function useLoad<T>(loader: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): Load<T> & { reload: () => Promise<void> } {
  const [state, setState] = useState<Load<T>>({ status: 'loading' });
  const loaderRef = useRef(loader);
  loaderRef.current = loader;
  const ctrlRef = useRef<AbortController | null>(null);

  const run = useCallback(async () => {
    ctrlRef.current?.abort();
    const ctrl = new AbortController();
    ctrlRef.current = ctrl;
    setState((s) => ({ status: 'loading', data: s.data }));
    try {
      const data = await loaderRef.current(ctrl.signal);
      if (!ctrl.signal.aborted) setState({ status: 'ok', data });
    } catch (error) {
      if (!ctrl.signal.aborted) setState((s) => ({ status: 'error', data: s.data, error }));
    }
  }, []);

  useEffect(() => {
    run();
    return () => ctrlRef.current?.abort();
  }, deps);

  return { ...state, reload: run };
}

/** Debounced copy of a value. */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/**
 * A paged list's query (search text, filters, sort) and page: `set(key)` is the onChange of one
 * query field and goes back to page 1; `q` is the trimmed search text, debounced.
 */
export function useListQuery<Q extends { search: string }>(initial: Q) {
  const [query, setQuery] = useState(initial);
  const [page, setPage] = useState(1);
  const q = useDebounced(query.search.trim(), 300);
  const set =
    <K extends keyof Q>(key: K) =>
    (value: Q[K]) => {
      setQuery((old) => ({ ...old, [key]: value }));
      setPage(1);
    };
  return { ...query, set, page, setPage, q };
}

/**
 * The uploads of a form that already succeeded, so that sending again after a partly successful
 * send (the documents were uploaded, the answer was then refused or its response lost) attaches
 * the documents uploaded before instead of uploading them a second time. A file is known by what
 * identifies the chosen file (name, size, type, last modified) within a scope (the question it
 * answers); `forget()` once the whole send has succeeded.
 */
export function useUploadedOnce() {
  const uploaded = useRef(new Map<string, string>());
  return useRef({
    idOf: async (scope: string, file: File, upload: () => Promise<{ id: string }>): Promise<string> => {
      const key = [scope, file.name, file.size, file.type, file.lastModified].join('\u0000');
      const known = uploaded.current.get(key);
      if (known) return known;
      const { id } = await upload();
      uploaded.current.set(key, id);
      return id;
    },
    forget: () => uploaded.current.clear(),
  }).current;
}
