import type { CustomerVerification } from '@beckon/protocol';
import type { Locale } from '@beckon/protocol/conditions';
import { consoleLocale } from '../locale.ts';

const labels: Record<CustomerVerification, Record<Locale, string>> = {
  verified: { en: 'Verified', fr: 'Vérifié' },
  unverified: {
    en: 'Unverified — from the visitor’s answers',
    fr: 'Non vérifié — d’après les réponses du visiteur',
  },
  agent: { en: 'Linked by an agent', fr: 'Lié par un agent' },
};

export function verificationLabel(
  verification: CustomerVerification,
  locale: Locale = consoleLocale,
): string {
  return labels[verification][locale];
}

/**
 * How the customer match was made, as text (not colour alone): a signed token proves who the visitor is, their
 * pre-chat answers do not.
 */
export function VerificationBadge(props: { verification: CustomerVerification; locale?: Locale }) {
  return (
    <span
      className={`badge verification-${props.verification}`}
      data-testid="customer-verification"
      data-verification={props.verification}
    >
      {verificationLabel(props.verification, props.locale)}
    </span>
  );
}
