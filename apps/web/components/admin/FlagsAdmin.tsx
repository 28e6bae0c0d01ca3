'use client';

import { flagKey } from '@roguelearn/api/schemas';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { ConfirmButton } from '@/components/social/ConfirmButton';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { Field } from '@/components/ui/Field';
import { PageLoading } from '@/components/ui/Spinner';
import { useToast } from '@/components/ui/Toast';
import { describeError, type FieldErrors } from '@/lib/forms';
import { useTRPC } from '@/lib/trpc';
import type { RouterOutputs } from '@/lib/types';
import styles from './admin.module.css';
import own from './manage.module.css';
import { StaffGate } from './StaffGate';

type Flag = RouterOutputs['admin']['flags']['list'][number];

const when = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

/** Feature flags: on/off and the share of signed-in users who get each one. */
export function FlagsAdmin() {
  const [editing, setEditing] = useState<Flag | null>(null);
  return (
    <StaffGate adminOnly>
      {() => (
        <div className={styles.page}>
          <header>
            <h1>Feature flags</h1>
            <p className={styles.muted}>
              A flag reaches the given share of signed-in users, always the same ones; raising the share only adds
              people. Visitors who aren’t signed in get a flag only at 100%.
            </p>
          </header>
          <FlagList onEdit={setEditing} />
          <Card title={editing ? `Edit ${editing.key}` : 'New flag'} id="flag-form">
            <FlagForm key={editing?.key ?? 'new'} flag={editing} onDone={() => setEditing(null)} />
          </Card>
        </div>
      )}
    </StaffGate>
  );
}

function FlagList({ onEdit }: { onEdit: (flag: Flag) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const flags = useQuery(trpc.admin.flags.list.queryOptions());
  const remove = useMutation(trpc.admin.flags.delete.mutationOptions());

  return (
    <Card title="Flags" id="flags">
      {flags.isPending ? (
        <PageLoading label="Loading flags…" />
      ) : flags.isError ? (
        <Alert title="We couldn't load flags">{flags.error.message}</Alert>
      ) : flags.data.length === 0 ? (
        <p className={styles.muted}>No flags yet. Create one below.</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users must be able to scroll the table sideways
        <section className={styles.tableWrap} aria-label="Flags table" tabIndex={0}>
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Description</th>
                <th scope="col">State</th>
                <th scope="col">Rollout</th>
                <th scope="col">Reach</th>
                <th scope="col">Updated</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {flags.data.map((f) => (
                <tr key={f.key}>
                  <th scope="row">
                    <code>{f.key}</code>
                  </th>
                  <td className={own.wrap}>{f.description || '—'}</td>
                  <td>{f.enabled ? 'On' : 'Off'}</td>
                  <td>{f.rolloutPercent}%</td>
                  <td>
                    {f.reach.users} of {f.reach.of} users
                  </td>
                  <td>{when.format(f.updatedAt)}</td>
                  <td>
                    <div className={own.rowActions}>
                      <Button variant="secondary" onClick={() => onEdit(f)}>
                        Edit<span className="visually-hidden"> {f.key}</span>
                      </Button>
                      <ConfirmButton
                        label="Delete"
                        title={`Delete the flag ${f.key}?`}
                        confirmLabel="Delete flag"
                        onConfirm={async () => {
                          await remove.mutateAsync({ key: f.key });
                          toast(`Flag ${f.key} deleted`);
                          await queryClient.invalidateQueries({ queryKey: trpc.admin.flags.pathKey() });
                        }}
                      >
                        <p>
                          Code that asks for it gets “off” from now on. Remove those checks from the code first if the
                          feature should stay.
                        </p>
                      </ConfirmButton>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </Card>
  );
}

function FlagForm({ flag, onDone }: { flag: Flag | null; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const save = useMutation(trpc.admin.flags.save.mutationOptions());
  const [v, setV] = useState({
    key: flag?.key ?? '',
    description: flag?.description ?? '',
    enabled: flag?.enabled ?? true,
    rolloutPercent: flag?.rolloutPercent ?? 100,
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const ids = { enabled: useId(), slider: useId() };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    const key = flagKey.safeParse(v.key);
    if (!key.success) {
      setErrors({ key: key.error.issues[0]?.message });
      return;
    }
    setErrors({});
    try {
      await save.mutateAsync({ ...v, key: key.data });
      toast(flag ? `Flag ${key.data} saved` : `Flag ${key.data} created`);
      await queryClient.invalidateQueries({ queryKey: trpc.admin.flags.pathKey() });
      onDone();
      if (!flag) setV({ key: '', description: '', enabled: true, rolloutPercent: 100 });
    } catch (err) {
      const described = describeError(err, ['key', 'description', 'enabled', 'rolloutPercent']);
      setErrors(described.errors);
      setMessage(described.message);
    }
  };

  return (
    <form className={own.plainList} onSubmit={onSubmit} noValidate aria-label={flag ? 'Edit flag' : 'New flag'}>
      {message && <Alert>{message}</Alert>}
      <Field name="key" label="Key" hint="Lowercase letters, digits, dots, dashes and underscores" error={errors.key}>
        {(p) => (
          <input
            {...p}
            value={v.key}
            readOnly={!!flag}
            onChange={(e) => setV((o) => ({ ...o, key: e.target.value }))}
            required
          />
        )}
      </Field>
      <Field name="description" label="Description" error={errors.description}>
        {(p) => (
          <input
            {...p}
            value={v.description}
            maxLength={500}
            onChange={(e) => setV((o) => ({ ...o, description: e.target.value }))}
          />
        )}
      </Field>
      <div className={own.actions}>
        <input
          id={ids.enabled}
          type="checkbox"
          checked={v.enabled}
          onChange={(e) => setV((o) => ({ ...o, enabled: e.target.checked }))}
        />
        <label htmlFor={ids.enabled}>Enabled</label>
      </div>
      <div className={own.field}>
        <label htmlFor={ids.slider}>Rollout: share of signed-in users</label>
        <div className={own.slider}>
          <input
            id={ids.slider}
            type="range"
            min={0}
            max={100}
            step={1}
            value={v.rolloutPercent}
            onChange={(e) => setV((o) => ({ ...o, rolloutPercent: Number(e.target.value) }))}
            aria-valuetext={`${v.rolloutPercent}%`}
          />
          <output htmlFor={ids.slider}>{v.rolloutPercent}%</output>
        </div>
        {errors.rolloutPercent && <span className={own.suspended}>{errors.rolloutPercent}</span>}
      </div>
      <div className={own.actions}>
        <Button type="submit" pending={save.isPending} pendingLabel="Saving…">
          {flag ? 'Save flag' : 'Create flag'}
        </Button>
        {flag && (
          <Button variant="secondary" onClick={onDone}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
