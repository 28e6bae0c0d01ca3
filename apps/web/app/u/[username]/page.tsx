import { TRPCError } from '@trpc/server';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { RatingsCard } from '@/components/dashboard/RatingsCard';
import { XpBar } from '@/components/dashboard/XpBar';
import { RatingChart } from '@/components/ratings/RatingChart';
import { TierBadge } from '@/components/ratings/TierBadge';
import { Card } from '@/components/ui/Card';
import { serverCaller } from '@/lib/server/caller';
import styles from './profile.module.css';

type Params = Promise<{ username: string }>;

// Metadata and page both need the profile; cache() makes that one query per request.
const loadProfile = cache(async (username: string) => {
  const caller = await serverCaller();
  try {
    return await caller.user.byUsername({ username });
  } catch (err) {
    // Private, missing and malformed usernames all look the same from outside.
    if (err instanceof TRPCError && (err.code === 'NOT_FOUND' || err.code === 'BAD_REQUEST')) return null;
    throw err;
  }
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const profile = await loadProfile(decodeURIComponent((await params).username));
  return { title: profile ? `${profile.displayName} (@${profile.username})` : 'Adventurer not found' };
}

const skillLabels = { BEGINNER: 'Beginner', INTERMEDIATE: 'Intermediate', ADVANCED: 'Advanced', EXPERT: 'Expert' };
const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });

export default async function PublicProfilePage({ params }: { params: Params }) {
  const profile = await loadProfile(decodeURIComponent((await params).username));
  if (!profile) notFound();

  const caller = await serverCaller();
  const [ratings, duelHistory, contestHistory] = await Promise.all([
    caller.battle.rating.of({ username: profile.username }),
    caller.battle.rating.history({ username: profile.username, kind: 'DUEL' }),
    caller.battle.rating.history({ username: profile.username, kind: 'CONTEST' }),
  ]);
  const character = profile.character ?? { level: 1, xp: 0, title: 'Novice', streakDays: 0 };
  const details = [
    profile.profile?.skillLevel && { label: 'Skill level', value: skillLabels[profile.profile.skillLevel] },
    profile.profile?.location && { label: 'Location', value: profile.profile.location },
    profile.profile?.website && {
      label: 'Website',
      value: (
        <a href={profile.profile.website} rel="noopener nofollow ugc">
          {profile.profile.website.replace(/^https?:\/\//, '')}
        </a>
      ),
    },
    profile.profile?.github && {
      label: 'GitHub',
      value: (
        <a href={`https://github.com/${profile.profile.github}`} rel="noopener nofollow ugc">
          {profile.profile.github}
        </a>
      ),
    },
    { label: 'Joined', value: dateFormat.format(profile.createdAt) },
  ].filter((d) => !!d);

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <span className={styles.avatar} aria-hidden="true">
          {profile.displayName.slice(0, 1).toUpperCase()}
        </span>
        <div className={styles.identity}>
          <h1>{profile.displayName}</h1>
          <p className={styles.muted}>
            @{profile.username}
            {profile.role !== 'STUDENT' && <span className={styles.role}>{profile.role.toLowerCase()}</span>}
          </p>
          <p className={styles.tiers}>
            <TierBadge
              label="Duels"
              tier={ratings.duel.tier}
              rating={ratings.duel.rating}
              rated={ratings.duel.gamesPlayed > 0}
            />
            <TierBadge
              label="Contests"
              tier={ratings.contest.tier}
              rating={ratings.contest.rating}
              rated={ratings.contest.gamesPlayed > 0}
            />
          </p>
          {profile.profile?.bio && <p className={styles.bio}>{profile.profile.bio}</p>}
        </div>
      </header>

      <div className={styles.grid}>
        <Card
          title={`Level ${character.level} · ${character.title}`}
          id="character"
          action={<Link href={`/character/${encodeURIComponent(profile.username)}`}>Character sheet</Link>}
        >
          <XpBar level={character.level} xp={character.xp} />
          <p className={styles.muted}>
            {character.streakDays > 0 ? `On a ${character.streakDays}-day streak.` : 'No active streak.'}
          </p>
        </Card>
        <RatingsCard ratings={profile.ratings} />
        <Card title="Rating history" id="rating-history" className={styles.wide}>
          <h3 className={styles.chartTitle}>Duels</h3>
          <RatingChart history={duelHistory} label="Duels" />
          {contestHistory.points.length > 0 && (
            <>
              <h3 className={styles.chartTitle}>Contests</h3>
              <RatingChart history={contestHistory} label="Contests" />
            </>
          )}
        </Card>
        <Card title="About" id="about">
          <dl className={styles.details}>
            {details.map((d) => (
              <div key={d.label}>
                <dt>{d.label}</dt>
                <dd>{d.value}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card title="Achievements" id="achievements">
          {profile.achievements.length === 0 ? (
            <p className={styles.muted}>No achievements unlocked yet.</p>
          ) : (
            <ul className={styles.achievements}>
              {profile.achievements.map((a) => (
                <li key={a.achievement.key}>
                  <span className={styles.achievementIcon} aria-hidden="true">
                    {a.achievement.icon}
                  </span>
                  <span>
                    {a.achievement.title}
                    <span className={styles.muted}> · {dateFormat.format(a.earnedAt)}</span>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
