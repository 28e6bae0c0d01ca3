import styles from './Spinner.module.css';

/** Decorative: whatever shows it also says in words what is happening. */
export function Spinner({ size = 'sm' }: { size?: 'sm' | 'lg' }) {
  return <span className={`${styles.spinner} ${size === 'lg' ? styles.lg : ''}`} aria-hidden="true" />;
}

export function PageLoading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className={styles.page} role="status">
      <Spinner size="lg" />
      <span>{label}</span>
    </div>
  );
}
