import { useId } from 'react';
import { catalogue, messagesOf } from '../i18n/messages.ts';
import { smartMessages } from './smart-messages.ts';
import type { WidgetForm } from './widget-form.ts';

const invitationLookMessages = catalogue(
  {
    legend: 'Invitation',
    displayName: 'Display name',
    displayNameHint:
      'Who the invitation speaks as, and the author of its text in the chat. Empty: the widget’s name.',
    avatarUrl: 'Avatar image address',
    avatarUrlHint: 'An https:// address, or a path on this server starting with /. Empty: no avatar.',
    acceptLabelEn: 'Accept button (English)',
    acceptLabelFr: 'Accept button (French)',
    acceptLabelHint: (fallback: string) => `Empty: “${fallback}”.`,
    createCustomers: 'Create customer records from pre-chat answers automatically',
    createCustomersHint:
      'When the answers match no record. The record is marked unverified until an agent confirms it.',
    answerable: 'Invite only when someone can answer',
    answerableHint:
      'No rule invitation while no agent of the rule’s queue is available with room for a chat, or outside the operating hours.',
  },
  {
    legend: 'Invitation',
    displayName: 'Nom affiché',
    displayNameHint:
      'Au nom de qui l’invitation parle, et l’auteur de son texte dans la discussion. Vide : le nom du widget.',
    avatarUrl: 'Adresse de l’image d’avatar',
    avatarUrlHint: 'Une adresse https://, ou un chemin de ce serveur commençant par /. Vide : pas d’avatar.',
    acceptLabelEn: 'Bouton d’acceptation (anglais)',
    acceptLabelFr: 'Bouton d’acceptation (français)',
    acceptLabelHint: (fallback: string) => `Vide : « ${fallback} ».`,
    createCustomers: 'Créer automatiquement les fiches clients d’après les réponses avant discussion',
    createCustomersHint:
      'Quand les réponses ne correspondent à aucune fiche. La fiche reste non vérifiée jusqu’à ce qu’un agent la confirme.',
    answerable: 'N’inviter que si quelqu’un peut répondre',
    answerableHint:
      'Aucune invitation de règle tant qu’aucun agent de la file de la règle n’est disponible avec de la place, ni en dehors des horaires d’ouverture.',
  },
);

const t = messagesOf(invitationLookMessages);
const smart = messagesOf(smartMessages);

type LookFields = Pick<
  WidgetForm,
  | 'invitationName'
  | 'invitationAvatarUrl'
  | 'acceptLabelEn'
  | 'acceptLabelFr'
  | 'prechatCreatesCustomers'
  | 'inviteOnlyWhenAnswerable'
  | 'smartInvitations'
>;

/**
 * How the invitation looks (display name, avatar, accept wording per language), whether it waits for someone who
 * can answer, and pre-chat customer records.
 */
export function InvitationLookFieldset(props: {
  values: LookFields;
  set<K extends keyof LookFields>(key: K, value: LookFields[K]): void;
}) {
  const id = useId();
  const { values, set } = props;
  const text = (name: keyof LookFields & string, label: string, hint: string, maxLength: number) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input
        id={`${id}-${name}`}
        data-testid={`widget-${name}`}
        aria-describedby={`${id}-${name}-hint`}
        maxLength={maxLength}
        value={values[name] as string}
        onChange={(e) => set(name, e.target.value)}
      />
      <small className="muted" id={`${id}-${name}-hint`}>
        {hint}
      </small>
    </div>
  );
  return (
    <fieldset>
      <legend>{t.legend}</legend>
      <div className="grid">
        {text('invitationName', t.displayName, t.displayNameHint, 60)}
        {text('invitationAvatarUrl', t.avatarUrl, t.avatarUrlHint, 500)}
        {text('acceptLabelEn', t.acceptLabelEn, t.acceptLabelHint('Chat now'), 40)}
        {text('acceptLabelFr', t.acceptLabelFr, t.acceptLabelHint('Discuter'), 40)}
      </div>
      <div className="switches">
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            data-testid="invite-only-when-answerable"
            checked={values.inviteOnlyWhenAnswerable}
            aria-checked={values.inviteOnlyWhenAnswerable}
            aria-describedby={`${id}-answerable-hint`}
            onChange={(e) => set('inviteOnlyWhenAnswerable', e.target.checked)}
          />
          <span>{t.answerable}</span>
        </label>
      </div>
      <small className="muted" id={`${id}-answerable-hint`}>
        {t.answerableHint}
      </small>
      <div className="switches">
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            data-testid="prechat-creates-customers"
            checked={values.prechatCreatesCustomers}
            aria-checked={values.prechatCreatesCustomers}
            aria-describedby={`${id}-create-hint`}
            onChange={(e) => set('prechatCreatesCustomers', e.target.checked)}
          />
          <span>{t.createCustomers}</span>
        </label>
      </div>
      <small className="muted" id={`${id}-create-hint`}>
        {t.createCustomersHint}
      </small>
      <div className="switches">
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            data-testid="smart-invitations"
            checked={values.smartInvitations}
            aria-checked={values.smartInvitations}
            onChange={(e) => set('smartInvitations', e.target.checked)}
          />
          <span>{smart.widgetSwitch}</span>
        </label>
      </div>
    </fieldset>
  );
}
