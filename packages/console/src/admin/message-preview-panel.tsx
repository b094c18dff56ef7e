import type { LiveVisitor, MessagePreviewBody, RuleMessage } from '@beckon/protocol';
import type { Locale } from '@beckon/protocol/conditions';
import { useEffect, useId, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { errorMessage } from '../api/http.ts';
import { consoleLocale } from '../locale.ts';

const strings = {
  en: {
    heading: 'Preview the message',
    visitorId: 'For a visitor on the site now',
    typedVisitor: 'A visitor you describe',
    orTyped: 'Or describe a visitor:',
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
    visitorId: 'Pour un visiteur sur le site',
    typedVisitor: 'Un visiteur que vous décrivez',
    orTyped: 'Ou décrivez un visiteur :',
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
  const [live, setLive] = useState<LiveVisitor[]>([]);
  useEffect(() => {
    let current = true;
    api
      .liveVisitors(props.widgetId, 50)
      .then((page) => current && setLive(page.visitors))
      .catch(() => {});
    return () => {
      current = false;
    };
  }, [props.widgetId]);

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
        <select
          id={`${id}-visitor`}
          data-testid="message-preview-visitor"
          value={visitorId}
          onChange={(e) => setVisitorId(e.target.value)}
        >
          <option value="">{t.typedVisitor}</option>
          {live.map((visitor) => (
            <option key={visitor.id} value={visitor.id}>
              {visitorLabel(visitor)}
            </option>
          ))}
        </select>
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

/** A live visitor as the select names them: who (when known), on which page, from where. */
function visitorLabel(visitor: LiveVisitor): string {
  const who = visitor.customer?.name ?? visitor.id.slice(-6);
  const where = [visitor.location.city, visitor.location.country].filter(Boolean).join(', ');
  return [who, visitor.page.title || visitor.page.url, where].filter(Boolean).join(' · ');
}
