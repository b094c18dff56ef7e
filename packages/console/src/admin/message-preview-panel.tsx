import type { MessagePreviewBody, RuleMessage } from '@beckon/protocol';
import type { Locale } from '@beckon/protocol/conditions';
import { useId, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { errorMessage } from '../api/http.ts';
import { consoleLocale } from '../locale.ts';

const strings = {
  en: {
    heading: 'Preview the message',
    visitorId: 'Visitor on the site now (id, from Visitors)',
    orTyped: 'or a visitor you describe:',
    name: 'Name',
    pageTitle: 'Page title',
    city: 'City',
    language: 'Language',
    languages: { en: 'English', fr: 'French' },
    preview: 'Preview',
    result: 'They would read:',
  },
  fr: {
    heading: 'Aperçu du message',
    visitorId: 'Visiteur sur le site (id, depuis Visiteurs)',
    orTyped: 'ou un visiteur que vous décrivez :',
    name: 'Nom',
    pageTitle: 'Titre de la page',
    city: 'Ville',
    language: 'Langue',
    languages: { en: 'Anglais', fr: 'Français' },
    preview: 'Aperçu',
    result: 'Il lirait :',
  },
} satisfies Record<Locale, unknown>;

/**
 * The rule's message (as being edited, not yet saved) as one visitor would read it, variables filled in by the
 * server: a visitor on the site now, or one typed here.
 */
export function MessagePreviewPanel(props: { widgetId: string; message: RuleMessage }) {
  const t = strings[consoleLocale];
  const id = useId();
  const [visitorId, setVisitorId] = useState('');
  const [typed, setTyped] = useState({ name: '', pageTitle: '', city: '', language: 'en' });
  const [result, setResult] = useState<string>();
  const [problem, setProblem] = useState<string>();

  async function preview() {
    const body: MessagePreviewBody = { message: props.message };
    if (visitorId.trim()) body.visitorId = visitorId.trim();
    else {
      body.visitor = { language: typed.language };
      if (typed.name.trim()) body.visitor.name = typed.name.trim();
      if (typed.pageTitle.trim()) body.visitor.pageTitle = typed.pageTitle.trim();
      if (typed.city.trim()) body.visitor.city = typed.city.trim();
    }
    try {
      setProblem(undefined);
      setResult((await api.messagePreview(props.widgetId, body)).text);
    } catch (error) {
      setResult(undefined);
      setProblem(errorMessage(error));
    }
  }

  const field = (key: 'name' | 'pageTitle' | 'city') => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{t[key]}</label>
      <input
        id={`${id}-${key}`}
        value={typed[key]}
        disabled={visitorId.trim() !== ''}
        onChange={(e) => setTyped({ ...typed, [key]: e.target.value })}
      />
    </div>
  );
  return (
    // Inside the rule editor's form: a group, not a form of its own.
    <section
      className="stack message-preview"
      aria-labelledby={`${id}-heading`}
      data-testid="message-preview"
    >
      <h3 id={`${id}-heading`}>{t.heading}</h3>
      <div className="field">
        <label htmlFor={`${id}-visitor`}>{t.visitorId}</label>
        <input id={`${id}-visitor`} value={visitorId} onChange={(e) => setVisitorId(e.target.value)} />
      </div>
      <p className="hint">{t.orTyped}</p>
      <div className="row">
        {field('name')}
        {field('pageTitle')}
        {field('city')}
        <div className="field">
          <label htmlFor={`${id}-language`}>{t.language}</label>
          <select
            id={`${id}-language`}
            value={typed.language}
            disabled={visitorId.trim() !== ''}
            onChange={(e) => setTyped({ ...typed, language: e.target.value })}
          >
            <option value="en">{t.languages.en}</option>
            <option value="fr">{t.languages.fr}</option>
          </select>
        </div>
      </div>
      <div className="row">
        <button type="button" onClick={preview} data-testid="message-preview-run">
          {t.preview}
        </button>
      </div>
      <p role="status" data-testid="message-preview-result">
        {result !== undefined && (
          <>
            {t.result} <q>{result}</q>
          </>
        )}
      </p>
      <p role="alert" className="error">
        {problem ?? ''}
      </p>
    </section>
  );
}
