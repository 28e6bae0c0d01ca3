'use client';

import { Button, ButtonLink } from '@/components/ui/Button';
import { Panel } from '@/components/ui/Panel';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <Panel
      icon="⚠\uFE0E"
      title="A wild error appeared"
      actions={
        <>
          <Button onClick={reset}>Try again</Button>
          <ButtonLink href="/" variant="secondary">
            Back to the start
          </ButtonLink>
        </>
      }
    >
      <p>Something went wrong while loading this page. Trying again usually helps.</p>
      {error.digest && <p>If it keeps happening, mention reference {error.digest} when you report it.</p>}
    </Panel>
  );
}
