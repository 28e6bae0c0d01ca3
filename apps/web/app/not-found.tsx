import { ButtonLink } from '@/components/ui/Button';
import { Panel } from '@/components/ui/Panel';

export default function NotFound() {
  return (
    <Panel
      icon="⚐"
      title="This path leads nowhere"
      actions={
        <>
          <ButtonLink href="/">Back to the start</ButtonLink>
          <ButtonLink href="/dashboard" variant="secondary">
            Your dashboard
          </ButtonLink>
        </>
      }
    >
      <p>The page you were looking for doesn't exist or has moved.</p>
    </Panel>
  );
}
