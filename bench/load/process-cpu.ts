import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks a second in /proc's CPU times (USER_HZ, 100 on Linux everywhere but exotic builds). */
const ticksPerSecond = 100;

/**
 * CPU (user + system, µs) used so far by every process on this machine whose command is `command` — PostgreSQL's
 * backends, say, which the bench cannot ask itself. Processes that ended in between are missed, so a window's
 * difference is a floor; 0 where /proc is not there.
 */
export function cpuOfProcesses(command: string): number {
  let ticks = 0;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return 0;
  }
  for (const pid of pids) ticks += ticksOf(pid, command);
  return (ticks * 1_000_000) / ticksPerSecond;
}

/** CPU (user + system, µs) used so far by these processes (the bench's own children, say); 0 for one gone. */
export function cpuOfPids(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) ticks += ticksOf(String(pid));
  return (ticks * 1_000_000) / ticksPerSecond;
}

/** A process's user + system clock ticks, if its command is `command` (any, when not given); else 0. */
function ticksOf(pid: string, command?: string): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command is in parentheses and may hold spaces: the fields after it are counted from its end.
    const open = stat.indexOf('(');
    const close = stat.lastIndexOf(')');
    if (command !== undefined && stat.slice(open + 1, close) !== command) return 0;
    const fields = stat.slice(close + 2).split(' ');
    // utime and stime are fields 14 and 15 of the line: 11 and 12 counted from the state (field 3) at 0.
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    // The process ended between the listing and the read.
    return 0;
  }
}
