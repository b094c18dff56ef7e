import { useId, useState } from 'react';
import { messagesOf } from '../i18n/messages.ts';
import { AuditSection } from './audit-section.tsx';
import { PersonDataActions } from './person-data-actions.tsx';
import { privacyMessages } from './privacy-messages.ts';
import { RetentionSection } from './retention-section.tsx';

const t = messagesOf(privacyMessages);

/**
 * Admin: Privacy. How long each kind of personal data is kept, the export or erasure of one person by id, and
 * the audit trail of admin changes.
 */
export function PrivacyScreen() {
  return (
    <div className="admin-body stack privacy-screen" data-testid="privacy-screen">
      <RetentionSection />
      <PersonSection />
      <AuditSection />
    </div>
  );
}

function PersonSection() {
  const id = useId();
  const [type, setType] = useState<'customer' | 'visitor'>('customer');
  const [subjectId, setSubjectId] = useState('');
  return (
    <section className="card stack" aria-labelledby={`${id}-heading`} data-testid="person-section">
      <h2 id={`${id}-heading`}>{t.personHeading}</h2>
      <p className="muted">{t.personIntro}</p>
      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-type`}>{t.subjectType}</label>
          <select
            id={`${id}-type`}
            data-testid="person-type"
            value={type}
            onChange={(event) => setType(event.target.value as 'customer' | 'visitor')}
          >
            <option value="customer">{t.subject('customer')}</option>
            <option value="visitor">{t.subject('visitor')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-id`}>{t.subjectId}</label>
          <input
            id={`${id}-id`}
            data-testid="person-id"
            autoComplete="off"
            spellCheck={false}
            maxLength={64}
            aria-describedby={`${id}-id-hint`}
            value={subjectId}
            onChange={(event) => setSubjectId(event.target.value)}
          />
          <small id={`${id}-id-hint`} className="muted">
            {t.subjectIdHint}
          </small>
        </div>
      </div>
      <PersonDataActions type={type} id={subjectId} name={subjectId.trim() || t.subject(type)} />
    </section>
  );
}
