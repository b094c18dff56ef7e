import type { WidgetRow } from '../../ports/store.ts';

/** Who may still run a widget: published to every node when it narrows. */
export interface WidgetAccess {
  widgetId: string;
  enabled: boolean;
  allowedOrigins: string[];
}

/** The update switched the widget off or removed an origin: some open sockets may not be allowed anymore. */
export function narrowsAccess(before: WidgetRow, after: WidgetRow): boolean {
  if (before.enabled && !after.enabled) return true;
  return before.allowedOrigins.some((origin) => !isOriginAllowed(after, origin));
}

/** Origins compare scheme, host and port exactly (case-insensitive host), never by prefix. */
export function isOriginAllowed(
  widget: Pick<WidgetRow, 'allowedOrigins'>,
  origin: string | undefined,
): boolean {
  if (!origin) return false;
  const normalized = origin.toLowerCase().replace(/\/$/, '');
  return widget.allowedOrigins.some((allowed) => allowed.toLowerCase().replace(/\/$/, '') === normalized);
}
