import type { WidgetRow } from '../../ports/store.ts';

/**
 * Who an invitation speaks as, and so who authors its text as the conversation's first message: the widget's
 * display name (its name when none is set) and avatar; an agent's invitation speaks as that agent.
 */
export function invitationAuthor(
  widget: WidgetRow,
  agentName?: string,
): { name: string; avatarUrl?: string } {
  if (agentName) return { name: agentName };
  const { displayName, avatarUrl } = widget.invitationLook ?? {};
  const name = displayName || widget.name;
  return avatarUrl ? { name, avatarUrl } : { name };
}

/** The language the widget speaks to this visitor: its own unless `auto`, else the visitor's (en by default). */
function widgetLanguage(widget: WidgetRow, visitorLanguage: string): 'en' | 'fr' {
  const base = (tag: string) => {
    const code = tag.toLowerCase().split(/[-_]/)[0];
    return code === 'en' || code === 'fr' ? code : undefined;
  };
  return (widget.locale === 'auto' ? undefined : base(widget.locale)) ?? base(visitorLanguage) ?? 'en';
}

/** The accept button's wording the admin set for the language the widget speaks here, if any. */
export function acceptLabel(widget: WidgetRow, visitorLanguage: string): string | undefined {
  return widget.invitationLook?.acceptLabels?.[widgetLanguage(widget, visitorLanguage)];
}
