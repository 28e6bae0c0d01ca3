import { ButtonLink } from '@/components/ui/Button';
import { Panel } from '@/components/ui/Panel';

export default function ProblemNotFound() {
  return (
    <Panel
      icon="⚐"
      title="No such problem"
      actions={
        <ButtonLink href="/problems" variant="secondary">
          Browse all problems
        </ButtonLink>
      }
    >
      <p>This problem doesn't exist, or it hasn't been published yet.</p>
    </Panel>
  );
}
