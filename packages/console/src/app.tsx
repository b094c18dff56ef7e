import { SignIn } from './auth/sign-in.tsx';
import { messagesOf } from './i18n/messages.ts';
import { Shell } from './shell/shell.tsx';
import { shellMessages } from './shell/shell-messages.ts';
import { useSession } from './state/use-session.ts';

export function App() {
  const { session, signIn, signInWithCode, signOut, expired } = useSession();
  if (session.status === 'loading') return <p className="loading">{messagesOf(shellMessages).loading}</p>;
  if (session.status === 'signed-out')
    return <SignIn onSignIn={signIn} onCode={signInWithCode} problem={session.problem} />;
  return <Shell key={session.user.id} user={session.user} onSignOut={signOut} onExpired={expired} />;
}
