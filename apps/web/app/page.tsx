import { LandingActions } from '@/components/landing/LandingActions';
import styles from '@/components/landing/landing.module.css';

// Symbols every system font has, rather than emoji: they take the theme's colours everywhere.
const pillars = [
  {
    icon: '✦',
    title: 'Quests on skill trees',
    text: 'Your course becomes a map. Each branch is a skill, each node a quest with problems to conquer.',
  },
  {
    icon: '⚖\uFE0E',
    title: 'An honest judge',
    text: 'Submit Python, JavaScript, TypeScript, C, C++ or Java. Every solution runs in a sandbox against hidden tests.',
  },
  {
    icon: '⚔\uFE0E',
    title: 'Duels and contests',
    text: 'Race a rival to the first accepted answer, climb the ratings, and compete in seasonal events.',
  },
  {
    icon: '⇄',
    title: 'Pair programming',
    text: 'Get matched by skill and topic, then code together in one live editor with chat and a call.',
  },
  {
    icon: '♜',
    title: 'Parties and guilds',
    text: 'Band together with friends, schedule study sessions and defend your guild on the leaderboard.',
  },
  {
    icon: '✎',
    title: 'Built for instructors',
    text: 'Turn a syllabus into a skill tree, write problems and tests, run contests and follow your class.',
  },
];

const steps = [
  { title: 'Create your character', text: 'Sign up, pick your skill level and favourite language.' },
  { title: 'Take on quests', text: 'Solve problems to earn XP, level up and unlock new branches.' },
  { title: 'Play with others', text: 'Duel, pair up and join a guild when you are ready.' },
];

export default function LandingPage() {
  return (
    <div className={styles.page}>
      <section className={styles.hero} aria-labelledby="hero-title">
        <p className={styles.eyebrow}>A coding course that plays like a game</p>
        <h1 id="hero-title" className={styles.title}>
          Learn to code by <span className={styles.accent}>playing</span>.
        </h1>
        <p className={styles.lead}>
          RogueLearn turns programming practice into an adventure: level up a character by solving real problems,
          challenge rivals to duels, and learn alongside a party of fellow adventurers.
        </p>
        <LandingActions />
      </section>

      <section aria-labelledby="pillars-title">
        <h2 id="pillars-title" className={styles.sectionTitle}>
          Everything a learning party needs
        </h2>
        <ul className={styles.pillars}>
          {pillars.map((p) => (
            <li key={p.title} className={styles.pillar}>
              <span className={styles.icon} aria-hidden="true">
                {p.icon}
              </span>
              <h3>{p.title}</h3>
              <p>{p.text}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="steps-title">
        <h2 id="steps-title" className={styles.sectionTitle}>
          How the adventure works
        </h2>
        <ol className={styles.steps}>
          {steps.map((s) => (
            <li key={s.title} className={styles.step}>
              <h3>{s.title}</h3>
              <p>{s.text}</p>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
