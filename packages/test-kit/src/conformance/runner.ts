import { login } from '../http-client.ts';
import { TestSocket, UpgradeRefused } from '../realtime-client.ts';
import {
  type Capability,
  fill,
  type Json,
  mismatch,
  type Step,
  type Transcript,
  type Vars,
} from './transcript.ts';
import { transcripts as allTranscripts } from './transcripts.ts';

/** The server under test and what it was set up with (docs/protocol.md, "Conformance"). */
export interface ConformanceTarget {
  /** `http(s)://host:port` of the node; sockets use the same host with `ws(s)`. */
  url: string;
  /** A widget key whose allowed origins include `origin`, with Proactive chat on (invitations on request). */
  widgetKey: string;
  origin: string;
  /** The console's origin, sent by agent sockets (only the console's pages may open them); default: `url`'s. */
  consoleOrigin?: string;
  /** An agent who is a member of the widget's queue and has free capacity. */
  agent: { email: string; password: string };
  /** Moves the server's clock; without it transcripts that need time to pass are skipped. */
  clock?: { advance(ms: number): Promise<void> };
  /** Starts a graceful shutdown; without it the shutdown transcript is skipped. Played last. */
  shutdown?: () => void;
  /** How long to wait for each expected frame (default 5 s). */
  timeoutMs?: number;
}

export interface TranscriptResult {
  name: string;
  status: 'passed' | 'failed' | 'skipped';
  /** Why it was skipped, or the step that failed and how. */
  reason?: string;
}

type AnySocket = TestSocket<{ type: string } & Record<string, unknown>>;

function missing(transcript: Transcript, target: ConformanceTarget): Capability | undefined {
  return transcript.requires?.find((need) => (need === 'clock' ? !target.clock : !target.shutdown));
}

/** Plays one transcript; every frame received is validated against the server-frame schema on the way. */
export async function runTranscript(
  transcript: Transcript,
  target: ConformanceTarget,
): Promise<TranscriptResult> {
  const lacking = missing(transcript, target);
  if (lacking)
    return {
      name: transcript.name,
      status: 'skipped',
      reason:
        lacking === 'clock'
          ? "needs the server's clock to be driven (in-process only)"
          : 'needs to shut the node down (in-process only)',
    };
  const sockets = new Map<string, AnySocket>();
  const vars: Vars = new Map<string, Json>([
    ['origin', target.origin],
    ['widgetKey', target.widgetKey],
  ]);
  const ws = target.url.replace(/^http/, 'ws').replace(/\/$/, '');
  let cookie: string | undefined;
  const session = async () => {
    cookie ??= await login(target.url, target.agent.email, target.agent.password);
    return cookie;
  };
  const socket = (name: string) => {
    const found = sockets.get(name);
    if (!found) throw new Error(`no socket "${name}" is open`);
    return found;
  };
  const timeoutMs = target.timeoutMs ?? 5000;
  const consoleOrigin = target.consoleOrigin ?? new URL(target.url).origin;

  const play = async (step: Step): Promise<void> => {
    if ('open' in step) {
      const url =
        step.path === 'visitor'
          ? `${ws}/v1/visitor?key=${encodeURIComponent(target.widgetKey)}`
          : `${ws}/v1/agent`;
      const headers: Record<string, string> =
        step.path === 'visitor'
          ? { origin: target.origin }
          : { cookie: await session(), origin: consoleOrigin };
      sockets.set(step.open, await TestSocket.connect(url, headers));
    } else if ('send' in step) {
      socket(step.send).send(fill(step.frame, vars));
    } else if ('sendBytes' in step) {
      socket(step.sendBytes).send(JSON.stringify({ type: 'ping', pad: 'x'.repeat(step.bytes) }));
    } else if ('expect' in step) {
      let captured: Vars = new Map();
      const frame = await socket(step.expect).next(
        step.frame.type,
        (actual) => {
          captured = new Map();
          return mismatch(step.frame, actual, vars, captured) === undefined;
        },
        timeoutMs,
      );
      if (frame) for (const [key, value] of captured) vars.set(key, value);
    } else if ('close' in step) {
      await socket(step.close).close();
    } else if ('closed' in step) {
      const closed = await Promise.race([
        socket(step.closed).closed,
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), timeoutMs).unref()),
      ]);
      if (!closed) throw new Error(`the socket stayed open (expected close ${step.code})`);
      if (closed.code !== step.code) throw new Error(`closed with ${closed.code}, expected ${step.code}`);
    } else if ('refused' in step) {
      const { path, key = target.widgetKey, signedIn = true } = step.refused;
      const origin = step.refused.origin ?? (path === 'visitor' ? target.origin : consoleOrigin);
      const url = path === 'visitor' ? `${ws}/v1/visitor?key=${encodeURIComponent(key)}` : `${ws}/v1/agent`;
      const headers: Record<string, string> =
        path === 'visitor' ? { origin } : signedIn ? { cookie: await session(), origin } : { origin };
      const outcome = await TestSocket.connect(url, headers).then(
        async (opened) => {
          await opened.close();
          return undefined;
        },
        (error: unknown) => error,
      );
      if (!(outcome instanceof UpgradeRefused))
        throw new Error(`the upgrade was not refused (${String(outcome)})`);
      if (outcome.status !== step.status)
        throw new Error(`refused with ${outcome.status}, expected ${step.status}`);
      let body: unknown;
      try {
        body = JSON.parse(outcome.body);
      } catch {
        throw new Error(`the refusal's body is not JSON: ${outcome.body.slice(0, 200)}`);
      }
      const miss = mismatch(step.body, body, vars, new Map());
      if (miss) throw new Error(`the refusal's body differs at ${miss}`);
    } else if ('advanceClock' in step) {
      await target.clock?.advance(step.advanceClock);
    } else {
      target.shutdown?.();
    }
  };

  let index = 0;
  try {
    for (const step of transcript.steps) {
      await play(step);
      index += 1;
    }
    return { name: transcript.name, status: 'passed' };
  } catch (error) {
    const step = JSON.stringify(transcript.steps[index])?.slice(0, 300);
    const message = error instanceof Error ? error.message : String(error);
    return { name: transcript.name, status: 'failed', reason: `step ${index + 1} ${step}: ${message}` };
  } finally {
    await Promise.all([...sockets.values()].map((s) => s.close()));
  }
}

/** Plays every transcript in order (the shutdown one, which ends the node, last). */
export async function runConformance(
  target: ConformanceTarget,
  onResult: (result: TranscriptResult) => void = () => {},
  transcripts: readonly Transcript[] = allTranscripts,
): Promise<TranscriptResult[]> {
  const ordered = [...transcripts].sort(
    (a, b) =>
      Number(a.requires?.includes('shutdown') ?? false) - Number(b.requires?.includes('shutdown') ?? false),
  );
  const results: TranscriptResult[] = [];
  for (const transcript of ordered) {
    const result = await runTranscript(transcript, target);
    results.push(result);
    onResult(result);
  }
  return results;
}
