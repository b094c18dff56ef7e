export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `condition` until it holds, or fails after `timeoutMs` saying what it waited for. */
export async function until(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  detail: () => string = () => '',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} ${detail()}`);
    await sleep(100);
  }
}

/** The close code of a socket that must close within `ms` (real time: the close crosses Redis from another node). */
export async function closeCodeWithin(
  socket: { closed: Promise<{ code: number }> },
  ms: number,
): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`socket still open after ${ms} ms`)), ms);
  });
  try {
    return (await Promise.race([socket.closed, late])).code;
  } finally {
    clearTimeout(timer);
  }
}
