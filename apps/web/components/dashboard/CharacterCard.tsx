import { Card } from '@/components/ui/Card';
import type { Me } from '@/lib/types';
import styles from './dashboard.module.css';
import { XpBar } from './XpBar';

export function CharacterCard({ me }: { me: Me }) {
  const character = me.character ?? { level: 1, xp: 0, title: 'Novice', streakDays: 0, skillPoints: 0 };
  const stats = [
    { label: 'Day streak', value: character.streakDays },
    { label: 'Skill points', value: character.skillPoints },
    { label: 'Submissions', value: me._count.submissions },
    { label: 'Achievements', value: me._count.achievements },
  ];
  return (
    <Card title="Your character" id="character" className={styles.wideCard}>
      <div className={styles.hero}>
        <div className={styles.levelBadge}>
          <span className={styles.levelLabel}>Level</span>
          <span className={styles.levelValue}>{character.level}</span>
        </div>
        <div className={styles.heroText}>
          <p className={styles.characterTitle}>{character.title}</p>
          <XpBar level={character.level} xp={character.xp} />
        </div>
      </div>
      <dl className={styles.stats}>
        {stats.map((s) => (
          <div key={s.label} className={styles.stat}>
            <dt>{s.label}</dt>
            <dd>{s.value.toLocaleString('en')}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
