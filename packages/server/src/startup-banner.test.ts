import { describe, expect, it } from 'vitest';
import { startupBanner } from './startup-banner.ts';

describe('the start-up banner', () => {
  const base = { url: 'http://localhost:3000', port: 3000, demo: true };

  it('frames the demo password apart from the logs, says where to go and that the node listens everywhere', () => {
    const text = startupBanner({ ...base, host: '0.0.0.0', password: 'S3cret-pw' });
    const lines = text.trim().split('\n');
    expect(lines[0]).toMatch(/^┌─+┐$/);
    expect(lines.at(-1)).toMatch(/^└─+┘$/);
    for (const line of lines.slice(1, -1)) expect(line).toMatch(/^│ .* │$/);
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
    expect(text).toContain('S3cret-pw');
    expect(text).toContain('http://localhost:3000/console/');
    expect(text).toContain('npm run reset-password -- <email>');
    expect(text).toContain('all interfaces (0.0.0.0:3000)');
  });

  it('shows no password line when none was generated, and a private address as such', () => {
    const text = startupBanner({ ...base, host: '127.0.0.1' });
    expect(text).not.toContain('Password');
    expect(text).toContain('Listening on 127.0.0.1:3000 only');
  });
});
