import { connect } from 'node:net';
import { type ClamdAddress, describeClamdAddress } from '../../config.ts';
import { ScannerUnavailableError, type ScanVerdict, type VirusScanner } from '../../ports/virus-scanner.ts';

/** clamd reads a stream in chunks of at most this many bytes, each after its length (4 bytes, big-endian). */
const chunkBytes = 64 * 1024;

/**
 * ClamAV's daemon over its socket protocol: `zINSTREAM` sends the bytes (no shared filesystem needed, so clamd
 * may run on another host), `zPING` checks it answers. The `z` commands end each reply with a NUL. Each
 * exchange opens its own connection and is given up after `timeoutMs`, so a stuck daemon cannot hold an
 * upload open. The npm clients were weighed: `clamscan` is built around local binaries and files, `clamdjs`
 * saw a single release; the protocol needed here is two commands.
 */
export class ClamdScanner implements VirusScanner {
  constructor(
    private readonly address: ClamdAddress,
    private readonly timeoutMs: number,
  ) {}

  async scan(bytes: Uint8Array): Promise<ScanVerdict> {
    const reply = await this.exchange((write) => {
      write(Buffer.from('zINSTREAM\0'));
      for (let at = 0; at < bytes.length; at += chunkBytes) {
        const chunk = bytes.subarray(at, at + chunkBytes);
        const size = Buffer.alloc(4);
        size.writeUInt32BE(chunk.length);
        write(size);
        write(chunk);
      }
      write(Buffer.alloc(4));
    });
    if (reply === 'stream: OK') return { clean: true };
    const found = /^stream: (.+) FOUND$/.exec(reply);
    if (found?.[1]) return { clean: false, signature: found[1] };
    // "INSTREAM size limit exceeded. ERROR" and the like: no verdict.
    throw new ScannerUnavailableError(`clamd at ${this.where()} gave no verdict: ${reply}`);
  }

  async ping(): Promise<void> {
    const reply = await this.exchange((write) => write(Buffer.from('zPING\0')));
    if (reply !== 'PONG') {
      throw new ScannerUnavailableError(`clamd at ${this.where()} answered ${JSON.stringify(reply)} to PING`);
    }
  }

  private where(): string {
    return describeClamdAddress(this.address);
  }

  /** Sends the command and answers clamd's reply up to its NUL; every failure is ScannerUnavailableError. */
  private exchange(send: (write: (data: Uint8Array) => void) => void): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect('path' in this.address ? { path: this.address.path } : this.address);
      const received: Buffer[] = [];
      let settled = false;
      const finish = (error: Error | undefined, reply?: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.destroy();
        if (error) reject(error);
        else resolve(reply ?? '');
      };
      const timer = setTimeout(
        () =>
          finish(
            new ScannerUnavailableError(
              `clamd at ${this.where()} did not answer within ${this.timeoutMs} ms`,
            ),
          ),
        this.timeoutMs,
      );
      socket.on('connect', () => send((data) => socket.write(data)));
      socket.on('data', (data) => {
        received.push(data);
        const all = Buffer.concat(received);
        const end = all.indexOf(0);
        if (end >= 0) finish(undefined, all.subarray(0, end).toString('utf8').trim());
      });
      socket.on('error', (error) =>
        finish(new ScannerUnavailableError(`clamd at ${this.where()}: ${error.message}`, { cause: error })),
      );
      socket.on('close', () =>
        finish(new ScannerUnavailableError(`clamd at ${this.where()} closed the connection without a reply`)),
      );
    });
  }
}
