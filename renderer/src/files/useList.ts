/** Loads a list from the host once, for a dialog: the items (null while loading) or the error. */
import { useEffect, useState } from 'react';

export function useList<T>(
  load: () => Promise<{ ok: true; value: T[] } | { ok: false; error: string }>,
) {
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void load().then((r) => {
      if (!live) return;
      if (r.ok) setItems(r.value);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return { items, error };
}
