import { ButtonLink } from '@/components/ui/Button';
import { Panel } from '@/components/ui/Panel';

export function NoAccess() {
  return (
    <Panel
      icon="♜"
      title="You don't have access to the instructor dashboard"
      actions={<ButtonLink href="/dashboard">Back to your dashboard</ButtonLink>}
    >
      <p>
        This area is for instructors and administrators. If you teach a class on RogueLearn, ask an administrator to
        grant you the instructor role.
      </p>
    </Panel>
  );
}
