'use client';

import { createWebhookInput } from '@roguelearn/api/schemas';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { CopyButton } from '@/components/problems/CopyButton';
import { formatWhen } from '@/components/problems/labels';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { Field } from '@/components/ui/Field';
import { useToast } from '@/components/ui/Toast';
import { formValues, useSchemaForm } from '@/lib/forms';
import { useTRPC } from '@/lib/trpc';
import { ConfirmButton } from './ConfirmButton';
import styles from './social.module.css';
import { useRefreshSocial } from './useRefreshSocial';

function Deliveries({ webhookId }: { webhookId: string }) {
  const trpc = useTRPC();
  const deliveries = useQuery(
    trpc.notification.webhooks.deliveries.queryOptions({ webhookId, limit: 20 }, { refetchInterval: 5000 }),
  );
  if (deliveries.isPending) return <p role="status">Loading deliveries…</p>;
  if (deliveries.isError) return <Alert>{deliveries.error.message}</Alert>;
  if (deliveries.data.items.length === 0) return <p className={styles.muted}>Nothing sent yet.</p>;
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table}>
        <caption className="visually-hidden">Recent deliveries</caption>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Last error</th>
            <th scope="col">When</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.data.items.map((d) => (
            <tr key={d.id}>
              <td>{d.event}</td>
              <td>
                {d.status}
                {d.lastStatusCode ? ` (${d.lastStatusCode})` : ''}
              </td>
              <td>{d.attempts}</td>
              <td>{d.lastError ?? '—'}</td>
              <td>{formatWhen(d.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CreateWebhookForm({ guildId, onCreated }: { guildId: string; onCreated: (secret: string) => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshSocial();
  const form = useSchemaForm(createWebhookInput);
  const create = useMutation(
    trpc.notification.webhooks.create.mutationOptions({
      onSuccess: (hook) => {
        form.reset();
        onCreated(hook.secret);
        return refresh();
      },
      onError: form.fail,
    }),
  );
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const input = form.check({ guildId, url: formValues(e.currentTarget).url });
    if (input) create.mutate(input);
  }
  return (
    <form ref={form.formRef} className={styles.form} onSubmit={submit} noValidate>
      {form.formError && <Alert>{form.formError}</Alert>}
      <div className={styles.inlineForm}>
        <Field
          name="url"
          label="Webhook URL"
          hint="Discord-compatible; every guild event is sent"
          error={form.errors.url}
        >
          {(props) => <input {...props} type="url" inputMode="url" autoComplete="off" onBlur={form.onBlur} />}
        </Field>
        <Button type="submit" pending={create.isPending}>
          Add webhook
        </Button>
      </div>
    </form>
  );
}

/** Officers' outgoing webhooks: each guild event is posted to the registered URLs, signed. */
export function GuildWebhooks({ guildId }: { guildId: string }) {
  const trpc = useTRPC();
  const toast = useToast();
  const refresh = useRefreshSocial();
  const hooks = useQuery(trpc.notification.webhooks.list.queryOptions({ guildId }));
  const [secret, setSecret] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const test = useMutation(
    trpc.notification.webhooks.test.mutationOptions({ onSuccess: () => toast('Test ping queued') }),
  );
  const remove = useMutation(trpc.notification.webhooks.delete.mutationOptions({ onSuccess: refresh }));

  return (
    <Card title="Webhooks" id="webhooks">
      <div className={styles.section}>
        <CreateWebhookForm guildId={guildId} onCreated={setSecret} />
        {secret && (
          <Alert tone="success" title="Webhook added. Copy its signing secret now: it is shown only once.">
            <p className={styles.link}>{secret}</p>
            <CopyButton text={secret} label="signing secret" />
          </Alert>
        )}
        {test.error && <Alert>{test.error.message}</Alert>}
        {hooks.isPending ? (
          <p role="status">Loading webhooks…</p>
        ) : hooks.isError ? (
          <Alert>{hooks.error.message}</Alert>
        ) : hooks.data.length === 0 ? (
          <p className={styles.muted}>No webhooks yet.</p>
        ) : (
          <ul className={styles.list} aria-label="Webhooks">
            {hooks.data.map((h) => (
              <li key={h.id} className={`${styles.row} ${styles.stack}`}>
                <div className={styles.who}>
                  <span>
                    <span className={styles.link}>{h.url}</span>
                    <span className={styles.small}>
                      {h.active ? 'Active' : 'Paused'} · {h.events.length ? h.events.join(', ') : 'all events'}
                      {h.lastDelivery &&
                        ` · last delivery ${h.lastDelivery.status.toLowerCase()} ${formatWhen(h.lastDelivery.createdAt)}`}
                    </span>
                  </span>
                </div>
                <div className={styles.actions}>
                  <Button
                    variant="secondary"
                    pending={test.isPending && test.variables?.webhookId === h.id}
                    onClick={() => test.mutate({ webhookId: h.id })}
                  >
                    Send test
                  </Button>
                  <Button
                    variant="secondary"
                    aria-expanded={open === h.id}
                    onClick={() => setOpen(open === h.id ? null : h.id)}
                  >
                    Delivery log
                  </Button>
                  <ConfirmButton
                    label="Delete"
                    title="Delete this webhook?"
                    confirmLabel="Delete webhook"
                    onConfirm={() => remove.mutateAsync({ webhookId: h.id })}
                  >
                    <p>{h.url} stops receiving guild events.</p>
                  </ConfirmButton>
                </div>
                {open === h.id && <Deliveries webhookId={h.id} />}
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
