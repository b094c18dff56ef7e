import type { VisitorClientFrame } from '@beckon/protocol';
import type { VisitorSession } from './visitor-session.ts';

type TrackFrame = Extract<VisitorClientFrame, { type: 'track' }>;
type SignalFrame = Extract<VisitorClientFrame, { type: 'signal' }>;

/** Events kept per connection for the `event` condition; older ones are dropped first. */
export const maxTrackedEvents = 500;

/** `Beckon.track(name, props)`: remembered for this visit (a new visit starts with none). */
export function trackEvent(session: VisitorSession, frame: TrackFrame): void {
  session.events.push(frame.props ? { name: frame.name, props: frame.props } : { name: frame.name });
  if (session.events.length > maxTrackedEvents)
    session.events.splice(0, session.events.length - maxTrackedEvents);
}

/** A browser signal for the current page view. Every signal is activity; scroll depth only grows. */
export function applySignal(session: VisitorSession, frame: SignalFrame, now: number): void {
  const signals = session.signals;
  signals.lastActiveAt = now;
  if (frame.kind === 'exit') signals.exitIntent = true;
  if (frame.kind === 'scroll' && frame.value !== undefined) {
    signals.scrollDepth = Math.max(signals.scrollDepth, Math.round(frame.value));
  }
}

/** Signals start afresh on every page view. */
export function freshSignals(now: number): VisitorSession['signals'] {
  return { exitIntent: false, scrollDepth: 0, lastActiveAt: now };
}
