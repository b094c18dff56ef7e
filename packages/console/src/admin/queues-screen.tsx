import { QueuesSection } from './queues-section.tsx';
import { QuickRepliesSection } from './quick-replies-section.tsx';

/** Queues and team: queues with their members, each agent's capacity, and the team's quick replies. */
export function QueuesScreen() {
  return (
    <div className="admin-body">
      <QueuesSection onQueuesChanged={() => undefined} />
      <QuickRepliesSection />
    </div>
  );
}
