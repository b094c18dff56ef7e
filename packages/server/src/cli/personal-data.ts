import { PersonalDataRequests, type SubjectRef } from '../application/personal-data.ts';
import { withOfflineServices } from '../composition/offline-services.ts';
import { ConfigError, loadConfigFromProcess } from '../config.ts';

export function subjectRef(type: string, id: string): SubjectRef {
  if (type !== 'customer' && type !== 'visitor')
    throw new ConfigError(`The person is a "customer" or a "visitor", not "${type}".`);
  return { type, id };
}

/** `beckon export <customer|visitor> <id>`: everything held about the person, as JSON (the API's export). */
export async function exportCommand(ref: SubjectRef): Promise<string> {
  const data = await withOfflineServices(loadConfigFromProcess(), (s) =>
    new PersonalDataRequests(s).export(null, ref),
  );
  return `${JSON.stringify(data, null, 2)}\n`;
}

/**
 * `beckon erase <customer|visitor> <id> --yes`: the person's erasure everywhere, as from the console. It cannot
 * be undone, so without `--yes` nothing is touched and the command says how to confirm.
 */
export async function eraseCommand(ref: SubjectRef, confirmed: boolean): Promise<string> {
  if (!confirmed)
    throw new ConfigError(
      `Erasing ${ref.type} ${ref.id} deletes everything held about them and cannot be undone: run again with --yes.`,
    );
  const result = await withOfflineServices(loadConfigFromProcess(), (s) =>
    new PersonalDataRequests(s).erase(null, ref),
  );
  const counts = Object.entries(result.erased)
    .filter(([, count]) => Number(count) > 0)
    .map(([what, count]) => `${what} ${count}`);
  return `Erased ${ref.type} ${ref.id}: ${counts.length > 0 ? counts.join(', ') : 'nothing was held'}.\n`;
}
