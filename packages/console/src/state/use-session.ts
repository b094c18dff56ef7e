import type { User } from '@beckon/protocol';
import { useCallback, useEffect, useState } from 'react';
import { accountStrings } from '../account/account-strings.ts';
import { api } from '../api/endpoints.ts';
import { errorMessage, isUnauthenticated } from '../api/http.ts';
import { consoleLocale } from '../locale.ts';

export type Session =
  | { status: 'loading' }
  | { status: 'signed-out'; problem?: string }
  | { status: 'signed-in'; user: User };

/** Who is signed in, from GET /v1/auth/me on load; sign-in and sign-out change it. */
export function useSession(): {
  session: Session;
  /** Resolves with a challenge when the account needs a second-factor code next. */
  signIn(email: string, password: string): Promise<{ challenge: string } | undefined>;
  signInWithCode(challenge: string, code: string): Promise<void>;
  signOut(): Promise<void>;
  expired(): void;
} {
  const [session, setSession] = useState<Session>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    api
      .me()
      .then((user) => live && setSession({ status: 'signed-in', user }))
      .catch((error: unknown) => {
        if (!live) return;
        setSession(
          isUnauthenticated(error)
            ? { status: 'signed-out' }
            : { status: 'signed-out', problem: errorMessage(error) },
        );
      });
    return () => {
      live = false;
    };
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    const answer = await api.login(email, password);
    if ('challenge' in answer) return { challenge: answer.challenge };
    setSession({ status: 'signed-in', user: answer.user });
    return undefined;
  }, []);

  const signInWithCode = useCallback(async (challenge: string, code: string) => {
    const answer = await api.loginTwoFactor(challenge, code);
    if ('user' in answer) setSession({ status: 'signed-in', user: answer.user });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setSession({ status: 'signed-out' });
    }
  }, []);

  const expired = useCallback(
    () => setSession({ status: 'signed-out', problem: accountStrings[consoleLocale].sessionEnded }),
    [],
  );

  return { session, signIn, signInWithCode, signOut, expired };
}
