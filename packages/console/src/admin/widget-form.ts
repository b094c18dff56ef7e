import {
  defaultWidgetFileTypes,
  type FileType,
  fileLimits,
  type InvitationLook,
  type PrechatField,
  type Widget,
  type WidgetPatch,
} from '@beckon/protocol';
import { nextKey } from './condition-form.ts';
import { formToHours, type HoursForm, hoursToForm } from './hours-form.ts';

/** The widget settings form state and the PATCH body it becomes. */

export interface PrechatFieldDraft {
  key: string;
  name: string;
  label: string;
  kind: PrechatField['kind'];
  required: boolean;
  mapsTo: '' | NonNullable<PrechatField['mapsTo']>;
}

export interface WidgetForm {
  name: string;
  title: string;
  color: string;
  locale: string;
  enabled: boolean;
  proactiveEnabled: boolean;
  queueId: string;
  offerTimeoutSeconds: string;
  /** One origin per line. */
  allowedOrigins: string;
  prechatFields: PrechatFieldDraft[];
  identityAlgorithm: Widget['identityAlgorithm'];
  identityIssuer: string;
  /** Write-only: empty keeps the stored secret. */
  identitySecret: string;
  /** Empty = tokens need no `aud`. */
  identityAudience: string;
  /** The longest a token may live, in hours as typed (the protocol stores seconds). */
  identityMaxLifetimeHours: string;
  /** The fatigue budget and back-off, as typed (validated by the server). */
  fatiguePerVisit: string;
  fatiguePerWeek: string;
  dismissBackoffMinutes: string;
  /** Journey tracking waits for the page's `Beckon.consent(true)`. */
  consentRequired: boolean;
  hours: HoursForm;
  /** The invitation's look, as typed; empty = the widget's defaults. */
  invitationName: string;
  invitationAvatarUrl: string;
  acceptLabelEn: string;
  acceptLabelFr: string;
  /** Pre-chat answers matching no customer create an unverified record at once. */
  prechatCreatesCustomers: boolean;
  inviteOnlyWhenAnswerable: boolean;
  /** Predicted acceptance may act on rules; off is the widget's kill switch. */
  smartInvitations: boolean;
  sneakPeek: boolean;
  /** Extra query parameters to scrub from page URLs, as typed (one per line or comma-separated). */
  urlParamDenyList: string;
  fileTypes: FileType[];
  /** The largest file, in megabytes as typed. */
  fileMaxMegabytes: string;
}

const megabyte = 1024 * 1024;

export function newPrechatField(): PrechatFieldDraft {
  return { key: nextKey(), name: '', label: '', kind: 'text', required: false, mapsTo: '' };
}

export function widgetToForm(widget: Widget): WidgetForm {
  return {
    name: widget.name,
    title: widget.title,
    color: widget.color,
    locale: widget.locale,
    enabled: widget.enabled,
    proactiveEnabled: widget.proactiveEnabled,
    queueId: widget.queueId,
    offerTimeoutSeconds: String(widget.offerTimeoutSeconds),
    allowedOrigins: widget.allowedOrigins.join('\n'),
    prechatFields: widget.prechatFields.map((field) => ({
      key: nextKey(),
      name: field.name,
      label: field.label,
      kind: field.kind,
      required: field.required,
      mapsTo: field.mapsTo ?? '',
    })),
    identityAlgorithm: widget.identityAlgorithm,
    identityIssuer: widget.identityIssuer ?? '',
    identitySecret: '',
    identityAudience: widget.identityAudience ?? '',
    identityMaxLifetimeHours: String(widget.identityMaxLifetimeSeconds / 3600),
    fatiguePerVisit: String(widget.fatigue.perVisit),
    fatiguePerWeek: String(widget.fatigue.perWeek),
    dismissBackoffMinutes: String(widget.fatigue.dismissBackoffMinutes),
    consentRequired: widget.consentRequired,
    hours: hoursToForm(widget.operatingHours, browserTimeZone()),
    invitationName: widget.invitationLook?.displayName ?? '',
    invitationAvatarUrl: widget.invitationLook?.avatarUrl ?? '',
    acceptLabelEn: widget.invitationLook?.acceptLabels?.en ?? '',
    acceptLabelFr: widget.invitationLook?.acceptLabels?.fr ?? '',
    prechatCreatesCustomers: widget.prechatCreatesCustomers ?? false,
    inviteOnlyWhenAnswerable: widget.inviteOnlyWhenAnswerable ?? true,
    smartInvitations: widget.smartInvitations ?? true,
    sneakPeek: widget.sneakPeek ?? false,
    urlParamDenyList: (widget.urlParamDenyList ?? []).join('\n'),
    fileTypes: [...(widget.fileTypes ?? defaultWidgetFileTypes)],
    fileMaxMegabytes: String(
      Math.round(((widget.fileMaxBytes ?? fileLimits.maxBytes) / megabyte) * 1000) / 1000,
    ),
  };
}

/** Empty fields are left out: the widget uses its own defaults for them. */
export function formToInvitationLook(form: WidgetForm): InvitationLook {
  const look: InvitationLook = {};
  const name = form.invitationName.trim();
  const avatar = form.invitationAvatarUrl.trim();
  const en = form.acceptLabelEn.trim();
  const fr = form.acceptLabelFr.trim();
  if (name) look.displayName = name;
  if (avatar) look.avatarUrl = avatar;
  if (en || fr) look.acceptLabels = { ...(en && { en }), ...(fr && { fr }) };
  return look;
}

function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** An empty field becomes NaN so that the server rejects it with a message, rather than a silent 0. */
function numberField(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

export function parseOrigins(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim().replace(/\/+$/, ''))
    .filter((line) => line !== '');
}

/** Names as typed, one per line or separated by commas or spaces; the server checks each. */
export function parseParamNames(text: string): string[] {
  return text.split(/[\s,]+/).filter((name) => name !== '');
}

export function formToPatch(form: WidgetForm, original: Widget): WidgetPatch {
  const patch: WidgetPatch = {
    name: form.name.trim(),
    title: form.title.trim(),
    color: form.color.trim(),
    locale: form.locale.trim(),
    enabled: form.enabled,
    proactiveEnabled: form.proactiveEnabled,
    queueId: form.queueId,
    offerTimeoutSeconds:
      form.offerTimeoutSeconds.trim() === '' ? Number.NaN : Number(form.offerTimeoutSeconds),
    allowedOrigins: parseOrigins(form.allowedOrigins),
    prechatFields: form.prechatFields.map((field) => {
      const out: PrechatField = {
        name: field.name.trim(),
        label: field.label.trim(),
        kind: field.kind,
        required: field.required,
      };
      if (field.mapsTo) out.mapsTo = field.mapsTo;
      return out;
    }),
    identityAlgorithm: form.identityAlgorithm,
    // Whole seconds: a typed 1.5 h is 5400 s; the server checks the bounds.
    identityMaxLifetimeSeconds: Math.round(numberField(form.identityMaxLifetimeHours) * 3600),
    fatigue: {
      perVisit: numberField(form.fatiguePerVisit),
      perWeek: numberField(form.fatiguePerWeek),
      dismissBackoffMinutes: numberField(form.dismissBackoffMinutes),
    },
    consentRequired: form.consentRequired,
    operatingHours: formToHours(form.hours),
    invitationLook: formToInvitationLook(form),
    prechatCreatesCustomers: form.prechatCreatesCustomers,
    inviteOnlyWhenAnswerable: form.inviteOnlyWhenAnswerable,
    smartInvitations: form.smartInvitations,
    sneakPeek: form.sneakPeek,
    urlParamDenyList: parseParamNames(form.urlParamDenyList),
    fileTypes: form.fileTypes,
    fileMaxBytes: Math.round(numberField(form.fileMaxMegabytes) * megabyte),
  };
  const issuer = form.identityIssuer.trim();
  // Sent when set, or as '' to clear one that was stored.
  if (issuer !== '' || original.identityIssuer) patch.identityIssuer = issuer;
  const audience = form.identityAudience.trim();
  if (audience !== '' || original.identityAudience) patch.identityAudience = audience;
  if (form.identitySecret.trim() !== '') patch.identitySecret = form.identitySecret;
  return patch;
}
