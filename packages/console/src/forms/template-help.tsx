import { parseTemplate, templateVariables } from '@beckon/protocol';
import type { Locale } from '@beckon/protocol/conditions';
import { consoleLocale } from '../locale.ts';
import { templateFaultText } from './human-messages.ts';

const strings = {
  en: {
    summary: 'Variables',
    intro: 'Write {{variable | fallback}}: the fallback shows when the visitor has no value.',
    context: 'a value your page gives with setContextProvider',
    event: 'a property of the latest tracked event of that name',
    example: 'Hi {{customer.firstName | there}}, questions about {{page.title}}?',
  },
  fr: {
    summary: 'Variables',
    intro: 'Écrivez {{variable | repli}} : le repli s’affiche quand le visiteur n’a pas de valeur.',
    context: 'une valeur que votre page donne avec setContextProvider',
    event: 'une propriété du dernier événement suivi de ce nom',
    example: 'Bonjour {{customer.firstName | à vous}}, une question sur {{page.title}} ?',
  },
} satisfies Record<Locale, Record<string, string>>;

/** The variables a message can use, folded under the field they help with. */
export function TemplateHelp(props: { id?: string }) {
  const t = strings[consoleLocale];
  return (
    <details className="template-help" id={props.id}>
      <summary>{t.summary}</summary>
      <p className="hint">{t.intro}</p>
      <ul className="hint">
        {templateVariables.map((name) => (
          <li key={name}>
            <code>{`{{${name}}}`}</code>
          </li>
        ))}
        <li>
          <code>{'{{context.KEY}}'}</code> — {t.context}
        </li>
        <li>
          <code>{'{{event.NAME.PROPERTY}}'}</code> — {t.event}
        </li>
      </ul>
      <p className="hint">
        <code>{t.example}</code>
      </p>
    </details>
  );
}

/** What is wrong with a message template, in the console's language; undefined when it is fine. */
export function templateProblem(text: string, locale: Locale = consoleLocale): string | undefined {
  const parsed = parseTemplate(text);
  return parsed.ok ? undefined : templateFaultText(parsed.fault, locale);
}
