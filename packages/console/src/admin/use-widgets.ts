import type { Queue, Widget } from '@beckon/protocol';
import { useEffect, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { errorMessage } from '../api/http.ts';

export interface WidgetsState {
  widgets?: Widget[];
  queues: Queue[];
  selected?: Widget;
  error?: string;
  select(id: string): void;
  /** A widget changed on the server (saved settings): the lists show the new one. */
  replace(widget: Widget): void;
}

/** The widgets and queues the admin screens pick from, with the selected widget (the first one at first). */
export function useWidgets(): WidgetsState {
  const [widgets, setWidgets] = useState<Widget[]>();
  const [queues, setQueues] = useState<Queue[]>([]);
  const [selectedId, setSelectedId] = useState<string>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    Promise.all([api.widgets(), api.queues()])
      .then(([list, queueList]) => {
        if (!live) return;
        setWidgets(list);
        setQueues(queueList);
        setSelectedId((current) => current ?? list[0]?.id);
      })
      .catch((cause: unknown) => live && setError(errorMessage(cause)));
    return () => {
      live = false;
    };
  }, []);

  return {
    widgets,
    queues,
    selected: widgets?.find((w) => w.id === selectedId),
    error,
    select: setSelectedId,
    replace: (saved) => setWidgets((list) => list?.map((w) => (w.id === saved.id ? saved : w))),
  };
}
