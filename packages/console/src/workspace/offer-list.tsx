import { useEffect } from 'react';
import { messagesOf } from '../i18n/messages.ts';
import { useNow } from '../state/use-now.ts';
import type { TimedOffer } from '../state/workspace-state.ts';
import { OfferCard } from './offer-card.tsx';
import { workspaceMessages } from './workspace-messages.ts';

const t = messagesOf(workspaceMessages);

const baseTitle = 'Beckon console';

/** The pending offers, newest last, with their count in the tab title so a background tab still shows them. */
export function OfferList(props: {
  offers: TimedOffer[];
  onAccept(id: string): void;
  onReject(id: string): void;
}) {
  const now = useNow(1000, props.offers.length > 0);
  const count = props.offers.length;

  useEffect(() => {
    document.title = count > 0 ? `(${count}) ${baseTitle}` : baseTitle;
  }, [count]);
  useEffect(
    () => () => {
      document.title = baseTitle;
    },
    [],
  );

  return (
    <section className="offers" aria-label={t.incomingChats} aria-live="polite">
      {props.offers.map((entry) => (
        <OfferCard
          key={entry.offer.id}
          entry={entry}
          now={now}
          onAccept={() => props.onAccept(entry.offer.id)}
          onReject={() => props.onReject(entry.offer.id)}
        />
      ))}
    </section>
  );
}
