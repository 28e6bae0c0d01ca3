import { ButtonLink } from '@/components/ui/Button';
import { Panel } from '@/components/ui/Panel';

export default function ProfileNotFound() {
  return (
    <Panel
      icon="⚐"
      title="No adventurer by that name"
      actions={
        <ButtonLink href="/" variant="secondary">
          Back to the start
        </ButtonLink>
      }
    >
      <p>The profile doesn't exist, or its owner keeps it private.</p>
    </Panel>
  );
}
