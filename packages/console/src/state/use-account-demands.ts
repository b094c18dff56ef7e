import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/endpoints.ts';

/** What the signed-in user must do before anything else (from GET /v1/account): change a temporary password,
 * or enrol in two-factor sign-in because their role requires it. */
export interface AccountDemands {
  passwordChange: boolean;
  twoFactorEnrolment: boolean;
}

export function useAccountDemands(): { demands: AccountDemands; refresh(): void } {
  const [demands, setDemands] = useState<AccountDemands>({
    passwordChange: false,
    twoFactorEnrolment: false,
  });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    void round;
    api
      .account()
      .then(
        (account) =>
          live &&
          setDemands({
            passwordChange: account.passwordChangeRequired,
            twoFactorEnrolment: account.twoFactorEnrolmentRequired,
          }),
      )
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [round]);
  const refresh = useCallback(() => setRound((n) => n + 1), []);
  return { demands, refresh };
}
