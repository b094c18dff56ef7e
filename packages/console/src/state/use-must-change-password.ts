import { useEffect, useState } from 'react';
import { api } from '../api/endpoints.ts';

/** Whether the signed-in user holds a temporary password an admin set (from GET /v1/account). */
export function useMustChangePassword(): { required: boolean; changed(): void } {
  const [required, setRequired] = useState(false);
  useEffect(() => {
    let live = true;
    api
      .account()
      .then((account) => live && setRequired(account.passwordChangeRequired))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);
  return { required, changed: () => setRequired(false) };
}
