import type { Feature } from '@/lib/features';
import { ButtonLink } from './ui/Button';
import { Panel } from './ui/Panel';

export function ComingSoon({ feature }: { feature: Feature }) {
  return (
    <Panel
      title={feature.label}
      badge="Coming soon"
      actions={
        <ButtonLink href="/dashboard" variant="secondary">
          Back to your dashboard
        </ButtonLink>
      }
    >
      <p>{feature.blurb}</p>
      <p>This part of the realm is still being built. Check back soon!</p>
    </Panel>
  );
}
