import type { Clock } from '../../ports/clock.ts';
import type { Store, WidgetRow } from '../../ports/store.ts';
import { hashSecret, newSecret } from './visitor-credentials.ts';

/** How long a chat-window handover can wait for the window's hello. */
export const handoverTtlMs = 60_000;

/**
 * Beckon's chat window (`startChat({ inNewWindow: true })`) runs on Beckon's own origin, so its socket cannot
 * prove which site it serves. The opener's socket, whose origin passed the widget's list, asks for a single-use
 * token bound to that origin; the window gets it from its opener by `postMessage` and presents it with the
 * origin the browser reported for that message. Only then is the window that visitor.
 */
export class WindowHandovers {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    /** The widget's origin check (domain/widgets), given rather than imported: widgets depend on visitors. */
    private readonly isOriginAllowed: (widget: WidgetRow, origin: string | undefined) => boolean,
  ) {}

  /** A token for the visitor of a socket from `origin`; undefined when that origin is not allowed. */
  async issue(
    widget: WidgetRow,
    visitorId: string,
    origin: string | undefined,
  ): Promise<{ token: string; expiresAt: number } | undefined> {
    if (!origin || !this.isOriginAllowed(widget, origin)) return undefined;
    const now = this.clock.now();
    const token = newSecret();
    const expiresAt = now + handoverTtlMs;
    await this.store.createHandover(
      { tokenHash: hashSecret(token), visitorId, widgetId: widget.id, origin, expiresAt },
      now,
    );
    return { token, expiresAt };
  }

  /**
   * The visitor the token was issued for, once: unknown, used, expired, another widget's, or presented from a
   * page of another origin (or one no longer allowed) gives undefined.
   */
  async redeem(widget: WidgetRow, token: string, origin: string): Promise<string | undefined> {
    const handover = await this.store.takeHandover(hashSecret(token));
    if (!handover || handover.expiresAt <= this.clock.now()) return undefined;
    if (handover.widgetId !== widget.id || handover.origin !== origin) return undefined;
    return this.isOriginAllowed(widget, origin) ? handover.visitorId : undefined;
  }
}
