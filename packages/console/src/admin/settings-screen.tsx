import { CustomerImport } from './customer-import.tsx';

/** Settings: the console's account-wide settings (for now, importing customer records). */
export function SettingsScreen() {
  return (
    <div className="admin-body">
      <CustomerImport />
    </div>
  );
}
