import type { Locale, Text } from '@beckon/protocol/conditions';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import {
  type FieldErrors,
  type FieldValues,
  type Path,
  type PathValue,
  type Resolver,
  useForm,
} from 'react-hook-form';
import type { z } from 'zod';
import { ApiError, errorMessage } from '../api/http.ts';
import { consoleLocale } from '../locale.ts';
import { humanMessage, type IssueLike, zodErrorIn } from './human-messages.ts';

/**
 * One saved-form mechanism for the admin screens, on react-hook-form: the screen's form state, the body it
 * becomes, checked with the protocol's zod schema (through @hookform/resolvers), then saved; the state is one
 * of idle / dirty / saving / saved / error, and the server's validation issues land on the fields they name.
 */

export type SaveState = 'idle' | 'dirty' | 'saving' | 'saved' | 'error';

export interface FormIssue {
  /** The body path, e.g. "message.text". */
  path: string;
  /** The field's name for people, when the screen gave one. */
  label?: string;
  message: string;
}

export interface SavedFormOptions<F extends FieldValues, B> {
  initial: F;
  /** Checks the body (not the form state): the same schema the server applies. */
  schema: z.ZodType;
  toBody(form: F): B;
  /** Saves the body; returns the form state to continue from (the saved entity's), or nothing to keep it. */
  save(body: B): Promise<F | undefined>;
  /**
   * Names for body paths, so messages say "Name" rather than "name": a map (the longest prefix wins) or a
   * function of the path and the current body.
   */
  labels?: Record<string, Text> | ((path: string, body: B, locale: Locale) => string | undefined);
  locale?: Locale;
}

function labelOf(path: string, labels: Record<string, Text> | undefined, locale: Locale): string | undefined {
  if (!labels || path === '') return undefined;
  let best: string | undefined;
  for (const key of Object.keys(labels)) {
    if ((path === key || path.startsWith(`${key}.`)) && (best === undefined || key.length > best.length))
      best = key;
  }
  return best === undefined ? undefined : labels[best]?.[locale];
}

/** The resolver: form state → body → zod, with human messages; errors are keyed by body path. */
function bodyResolver<F extends FieldValues, B>(
  options: SavedFormOptions<F, B>,
  locale: Locale,
): Resolver<F> {
  const check = zodResolver(options.schema as never, { error: zodErrorIn(locale) } as never, { raw: true });
  return async (values, context, resolverOptions) => {
    const result = await check(options.toBody(values) as never, context, resolverOptions as never);
    return Object.keys(result.errors).length > 0
      ? { values: {}, errors: result.errors as FieldErrors<F> }
      : { values, errors: {} };
  };
}

function flatten(errors: FieldErrors, prefix = ''): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  for (const [key, value] of Object.entries(errors)) {
    if (!value || typeof value !== 'object') continue;
    const path = prefix ? `${prefix}.${key}` : key;
    const { message, type } = value as { message?: unknown; type?: unknown };
    if (typeof message === 'string' && typeof type === 'string')
      out.push({ path: path === 'root' || path.startsWith('root.') ? '' : path, message });
    else out.push(...flatten(value as FieldErrors, path));
  }
  return out;
}

function serverIssues(details: unknown): (IssueLike & { path: string })[] {
  const list = (details as { issues?: unknown } | undefined)?.issues ?? details;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const issue = entry as IssueLike & { path?: unknown };
    const path = Array.isArray(issue.path) ? issue.path.map(String).join('.') : String(issue.path ?? '');
    return typeof issue.message === 'string' ? [{ ...issue, path }] : [];
  });
}

export function useSavedForm<F extends FieldValues, B>(options: SavedFormOptions<F, B>) {
  const locale = options.locale ?? consoleLocale;
  const form = useForm<F>({
    defaultValues: options.initial as never,
    resolver: bodyResolver(options, locale),
    mode: 'onSubmit',
    reValidateMode: 'onSubmit',
  });
  const [phase, setPhase] = useState<'idle' | 'saving' | 'saved' | 'failed'>('idle');
  const [failure, setFailure] = useState<string | undefined>();
  const values = form.watch() as F;
  const { isDirty, errors } = form.formState;

  const set = <K extends Path<F>>(key: K, value: PathValue<F, K>) => {
    form.setValue(key, value, { shouldDirty: true });
    if (phase === 'saved') setPhase('idle');
  };

  const submit = form.handleSubmit(
    async () => {
      setFailure(undefined);
      setPhase('saving');
      try {
        const next = await options.save(options.toBody(form.getValues()));
        form.reset(next ?? form.getValues());
        setPhase('saved');
      } catch (cause) {
        setPhase('failed');
        setFailure(
          cause instanceof ApiError && cause.code === 'VALIDATION_FAILED'
            ? locale === 'fr'
              ? 'Corrigez ces champs.'
              : 'Please fix these fields.'
            : errorMessage(cause, locale),
        );
        if (cause instanceof ApiError) {
          for (const issue of serverIssues(cause.details)) {
            const message = humanMessage(issue, locale);
            form.setError((issue.path || 'root.server') as Path<F>, { type: 'server', message });
          }
        }
      }
    },
    () => {
      setPhase('failed');
      setFailure(locale === 'fr' ? 'Corrigez ces champs.' : 'Please fix these fields.');
    },
  );

  const issues: FormIssue[] = flatten(errors).map(({ path, message }) => ({
    path,
    label:
      typeof options.labels === 'function'
        ? options.labels(path, options.toBody(values), locale)
        : labelOf(path, options.labels, locale),
    message,
  }));
  const state: SaveState =
    phase === 'saving'
      ? 'saving'
      : phase === 'failed'
        ? 'error'
        : isDirty
          ? 'dirty'
          : phase === 'saved'
            ? 'saved'
            : 'idle';

  /** Fails the form from outside the save (e.g. a delete): the message shows with the issues. */
  const fail = (cause: unknown) => {
    setPhase('failed');
    setFailure(errorMessage(cause));
  };

  return {
    values,
    set,
    submit,
    state,
    issues,
    failure: state === 'error' ? failure : undefined,
    fail,
    reset: (next: F) => form.reset(next),
    /** The message for one body path, for `aria-describedby` next to its control. */
    errorAt: (path: string) => issues.find((issue) => issue.path === path)?.message,
    locale,
  };
}
