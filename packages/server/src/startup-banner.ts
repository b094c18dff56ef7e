/** Lines in a box, so that what a person must read at start-up stands apart from the JSON log lines. */
export function framed(lines: string[]): string {
  const width = Math.max(...lines.map((line) => line.length));
  const rule = '─'.repeat(width + 2);
  const body = lines.map((line) => `│ ${line.padEnd(width)} │`).join('\n');
  return `\n┌${rule}┐\n${body}\n└${rule}┘\n\n`;
}

/** Whether `host` listens beyond this machine: the banner says so next to the demo password. */
export function listensOnAllInterfaces(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '';
}

/** What `npm start` prints once the node listens: where to go, who to sign in as, and how to reset it. */
export function startupBanner(options: {
  url: string;
  host: string;
  port: number;
  /** Whether the demo accounts were seeded (BECKON_SEED_DEMO). */
  demo: boolean;
  password?: string;
  /** How this installation runs the reset command: `npm run reset-password --` in a clone, `beckon reset-password` installed. */
  resetCommand?: string;
}): string {
  const { url, host, port, password } = options;
  const lines = [
    'Beckon is running.',
    `  Demo page  ${url}/demo/pricing.html`,
    `  Console    ${url}/console/`,
  ];
  if (options.demo) {
    lines.push('  Sign in    agent@beckon.local (answers chats, starts Available)');
    lines.push('             admin@beckon.local (also the admin screens)');
    if (password) lines.push(`  Password   ${password}   (shown this once; stored only as a hash)`);
  }
  const reset = options.resetCommand ?? 'npm run reset-password --';
  lines.push(`  Forgot it? ${reset} <email>   (prints a new password)`);
  lines.push(
    listensOnAllInterfaces(host)
      ? `  Listening on all interfaces (${host || '0.0.0.0'}:${port}): other machines can reach it;`
      : `  Listening on ${host}:${port} only.`,
  );
  if (listensOnAllInterfaces(host))
    lines.push('             BECKON_HOST=127.0.0.1 keeps it to this machine.');
  return framed(lines);
}
