import type { PaneState } from '../pane-api.ts';

/**
 * The offline message outside operating hours: the widget's message for the pane's language, else its default
 * message, else the widget's built-in text (`fallback`, already in that language).
 */
export function offlineText(
  state: Pick<PaneState, 'locale' | 'offlineMessage' | 'offlineMessages'>,
  fallback: string,
): string {
  return state.offlineMessages?.[state.locale] || state.offlineMessage || fallback;
}
