import type { AgentServerFrame } from '@beckon/protocol';

/** Where the agent's "sound off" choice is remembered (per browser). */
export const mutedStorageKey = 'beckon.console.muted';

export interface Alert {
  title: string;
  body: string;
}

/** What deserves the agent's attention: a new offer, or a visitor's message. Pure, so it is unit-tested. */
export function alertFor(frame: AgentServerFrame): Alert | undefined {
  if (frame.type === 'offer.new') {
    return {
      title: 'New chat offer',
      body: `${frame.offer.summary.customerName}: ${frame.offer.summary.startUrl}`,
    };
  }
  if (frame.type === 'message' && frame.message.author === 'visitor') {
    return { title: frame.message.authorName ?? 'Visitor', body: frame.message.text.slice(0, 140) };
  }
  return undefined;
}

export function readMuted(storage: Pick<Storage, 'getItem'> | undefined): boolean {
  try {
    return storage?.getItem(mutedStorageKey) === '1';
  } catch {
    return false;
  }
}

export function writeMuted(storage: Pick<Storage, 'setItem'> | undefined, muted: boolean): void {
  try {
    storage?.setItem(mutedStorageKey, muted ? '1' : '0');
  } catch {
    // Private mode or storage full: the choice holds for this page only.
  }
}

let audio: AudioContext | undefined;

/** A short two-tone chime made with Web Audio: no sound file to ship or load. */
export function chime(): void {
  try {
    audio ??= new AudioContext();
    const now = audio.currentTime;
    for (const [index, frequency] of [880, 660].entries()) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.15, now + index * 0.15);
      gain.gain.exponentialRampToValueAtTime(0.001, now + index * 0.15 + 0.14);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(now + index * 0.15);
      oscillator.stop(now + index * 0.15 + 0.15);
    }
  } catch {
    // No audio device or autoplay refused before any user gesture: the visual cues remain.
  }
}

/** Sound unless muted; a desktop notification only while the tab is hidden and the agent allowed them. */
export function notify(alert: Alert, muted: boolean): void {
  if (!muted) chime();
  if (typeof document === 'undefined' || !document.hidden) return;
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const shown = new Notification(alert.title, { body: alert.body, tag: 'beckon' });
  shown.onclick = () => {
    window.focus();
    shown.close();
  };
}
