import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, processEnvironment } from '../config.ts';
import { DomainError } from '../domain/errors.ts';
import { beckonVersion, versionText } from './version.ts';

/**
 * `beckon <command>`: every command reads the same environment variables as the server (docs/operations.md).
 * The one-shot commands exit as soon as they have printed, so that a connection a driver keeps open (or a
 * check that gave up waiting) never holds the shell. Each command loads its modules when it runs: a mistyped
 * argument or `beckon version` answers without loading the server.
 */
const program = new Command('beckon')
  .description(
    'Beckon, self-hosted proactive live chat. Configured by environment variables (see docs/operations.md).',
  )
  .version(beckonVersion, '-v, --version', 'print the version')
  .showHelpAfterError()
  .showSuggestionAfterError();

program
  .command('start')
  .description('Start a node: SQLite under DATA_DIR by default, PostgreSQL and Redis when configured')
  .action(async () => (await import('./start.ts')).start());

program
  .command('migrate')
  .description('Apply the pending database migrations, then exit (running it again changes nothing)')
  .action(async () => done(await (await import('./migrate.ts')).migrate()));

program
  .command('create-admin')
  .description('Add an admin account; without a password one is generated and printed once')
  .argument('<email>', "the admin's e-mail address, used to sign in")
  .argument('[password]', 'the password (8 characters at least); generated when left out')
  .option('--name <name>', 'the name shown to colleagues (default: the part of the e-mail before @)')
  .action(async (email: string, password: string | undefined, options: { name?: string }) =>
    done(await (await import('./accounts.ts')).createAdminCommand(email, password, options.name)),
  );

program
  .command('reset-password')
  .description("Set an account's password and end its sessions; without a password one is generated")
  .argument('<email>', "the account's e-mail address")
  .argument('[password]', 'the new password (8 characters at least); generated when left out')
  .action(async (email: string, password: string | undefined) =>
    done(await (await import('./accounts.ts')).resetPasswordCommand(email, password)),
  );

program
  .command('export')
  .description(
    'Print everything held about one person as JSON (customer or visitor), as the console exports it',
  )
  .argument('<type>', '"customer" or "visitor"')
  .argument('<id>', "the customer's or visitor's id")
  .action(async (type: string, id: string) => {
    const { exportCommand, subjectRef } = await import('./personal-data.ts');
    done(await exportCommand(subjectRef(type, id)));
  });

program
  .command('erase')
  .description('Erase one person everywhere (customer or visitor); it cannot be undone, so it asks for --yes')
  .argument('<type>', '"customer" or "visitor"')
  .argument('<id>', "the customer's or visitor's id")
  .option('--yes', 'confirm the erasure')
  .action(async (type: string, id: string, options: { yes?: boolean }) => {
    const { eraseCommand, subjectRef } = await import('./personal-data.ts');
    done(await eraseCommand(subjectRef(type, id), options.yes === true));
  });

program
  .command('doctor')
  .description(
    'Check the database, Redis, the public address, the allowed origins and the ports; exit code 1 when something is wrong',
  )
  .option('--timeout <seconds>', 'how long each check may wait for an answer', seconds, 5)
  .action(async (options: { timeout: number }) => {
    const { doctor, doctorReport } = await import('./doctor.ts');
    const findings = await doctor(processEnvironment(), options.timeout * 1000);
    done(doctorReport(findings), findings.some((finding) => !finding.ok) ? 1 : 0);
  });

program
  .command('version')
  .description('Print the version, the realtime protocol version and the number of database migrations')
  .action(() => done(versionText()));

function seconds(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0 || parsed > 600)
    throw new InvalidArgumentError('expected a number of seconds between 0 and 600.');
  return parsed;
}

function done(text: string, code = 0): never {
  process.stdout.write(text);
  process.exit(code);
}

program.parseAsync(process.argv).catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof DomainError;
  process.stderr.write(`${known ? (error as Error).message : String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
