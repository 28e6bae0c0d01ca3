// Demo data for a fresh platform. Idempotent: every row is keyed by a natural unique key or a
// stable id derived from a name, so running the seed again updates rather than duplicates.
import crypto from 'node:crypto';
import type { Db } from '../client';
import { hashPassword } from '../password';
import { achievements } from './achievements';
import { seedIntegrity } from './integrity';
import { problems } from './problems';
import { syllabus } from './syllabus';

export { syllabus };

/** A stable UUID for a seeded row that has no natural key. */
export function seedId(name: string): string {
  const h = crypto.createHash('sha256').update(`roguelearn-seed:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const DEMO_PASSWORD = 'roguelearn';

type SeedUser = {
  email: string;
  username: string;
  displayName: string;
  role: 'STUDENT' | 'INSTRUCTOR' | 'ADMIN';
  skill: 'BEGINNER' | 'INTERMEDIATE' | 'ADVANCED' | 'EXPERT';
  xp: number;
  rating: number;
};

const studentNames = [
  ['ada', 'Ada Lovelace'],
  ['alan', 'Alan Turing'],
  ['grace', 'Grace Hopper'],
  ['linus', 'Linus Torvalds'],
  ['margaret', 'Margaret Hamilton'],
  ['dennis', 'Dennis Ritchie'],
  ['barbara', 'Barbara Liskov'],
  ['ken', 'Ken Thompson'],
  ['frances', 'Frances Allen'],
  ['edsger', 'Edsger Dijkstra'],
] as const;

export const seedUsers: SeedUser[] = [
  {
    email: 'admin@roguelearn.local',
    username: 'admin',
    displayName: 'Platform Admin',
    role: 'ADMIN',
    skill: 'EXPERT',
    xp: 0,
    rating: 1500,
  },
  {
    email: 'knuth@roguelearn.local',
    username: 'knuth',
    displayName: 'Prof. Donald Knuth',
    role: 'INSTRUCTOR',
    skill: 'EXPERT',
    xp: 0,
    rating: 1500,
  },
  {
    email: 'hopper@roguelearn.local',
    username: 'mhopper',
    displayName: 'Dr. Mary Hopper',
    role: 'INSTRUCTOR',
    skill: 'EXPERT',
    xp: 0,
    rating: 1500,
  },
  ...studentNames.map(([username, displayName], i) => ({
    email: `${username}@roguelearn.local`,
    username,
    displayName,
    role: 'STUDENT' as const,
    skill: (['BEGINNER', 'INTERMEDIATE', 'ADVANCED'] as const)[i % 3],
    xp: 120 + ((i * 397) % 2400),
    rating: 1350 + ((i * 71) % 400),
  })),
];

/** Level thresholds: level n needs 100·n·(n−1)/2 XP in total (100, 300, 600 …). */
function levelFor(xp: number): number {
  let level = 1;
  while (xp >= (100 * level * (level + 1)) / 2) level++;
  return level;
}

export interface SeedSummary {
  users: number;
  problems: number;
  testCases: number;
}

export async function seed(db: Db, log: (m: string) => void = () => {}): Promise<SeedSummary> {
  // One hash for every demo account: scrypt is deliberately slow and they share the password.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users: Record<string, string> = {};
  for (const u of seedUsers) {
    const row = await db.user.upsert({
      where: { email: u.email },
      update: { displayName: u.displayName, role: u.role },
      create: {
        email: u.email,
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        passwordHash,
        profile: { create: { skillLevel: u.skill, bio: `${u.displayName} on RogueLearn.` } },
        preferences: { create: {} },
        character: { create: { xp: u.xp, level: levelFor(u.xp), skillPoints: levelFor(u.xp) - 1 } },
      },
    });
    users[u.username] = row.id;
    if (u.role === 'STUDENT') {
      await db.rating.upsert({
        where: { userId_kind: { userId: row.id, kind: 'DUEL' } },
        update: {},
        create: { userId: row.id, kind: 'DUEL', rating: u.rating, deviation: 120, gamesPlayed: 6 },
      });
    }
  }
  log(`users: ${seedUsers.length}`);

  for (const a of achievements) {
    await db.achievement.upsert({ where: { key: a.key }, update: a, create: a });
  }

  // Problems with tags, test groups, tests, starter code, reference solutions and hints.
  let testCases = 0;
  const problemIds: Record<string, string> = {};
  for (const p of problems) {
    const data = {
      title: p.title,
      statement: p.statement,
      inputFormat: p.inputFormat,
      outputFormat: p.outputFormat,
      constraints: p.constraints,
      difficulty: p.difficulty,
      category: p.category,
      timeLimitMs: p.timeLimitMs,
      memoryLimitKb: p.memoryLimitKb,
      checker: p.checker,
      checkerTolerance: p.checkerTolerance ?? null,
      editorial: p.editorial,
      status: 'PUBLISHED' as const,
      publishedAt: new Date('2026-09-01T00:00:00Z'),
      authorId: users.knuth,
    };
    const row = await db.problem.upsert({ where: { slug: p.slug }, update: data, create: { slug: p.slug, ...data } });
    problemIds[p.slug] = row.id;
    for (const tagName of p.tags) {
      const tag = await db.tag.upsert({
        where: { slug: tagName },
        update: {},
        create: { slug: tagName, name: tagName },
      });
      await db.problemTag.upsert({
        where: { problemId_tagId: { problemId: row.id, tagId: tag.id } },
        update: {},
        create: { problemId: row.id, tagId: tag.id },
      });
    }
    const groupIds: string[] = [];
    for (const [ordinal, g] of p.groups.entries()) {
      const group = await db.testGroup.upsert({
        where: { problemId_ordinal: { problemId: row.id, ordinal } },
        update: { name: g.name, weight: g.weight },
        create: { problemId: row.id, ordinal, name: g.name, weight: g.weight },
      });
      groupIds.push(group.id);
    }
    for (const [ordinal, t] of p.tests.entries()) {
      const tc = {
        input: t.input,
        expectedOutput: t.output,
        isSample: t.sample,
        groupId: groupIds[t.group] ?? null,
        explanation: t.explanation ?? null,
      };
      await db.testCase.upsert({
        where: { problemId_ordinal: { problemId: row.id, ordinal } },
        update: tc,
        create: { problemId: row.id, ordinal, ...tc },
      });
      testCases++;
    }
    for (const [language, code] of Object.entries(p.starter)) {
      await db.starterCode.upsert({
        where: { problemId_language: { problemId: row.id, language } },
        update: { code },
        create: { problemId: row.id, language, code },
      });
    }
    for (const [language, code] of Object.entries(p.solutions)) {
      await db.referenceSolution.upsert({
        where: { problemId_language: { problemId: row.id, language } },
        update: { code },
        create: { problemId: row.id, language, code },
      });
    }
    for (const [i, content] of p.hints.entries()) {
      await db.hint.upsert({
        where: { problemId_tier: { problemId: row.id, tier: i + 1 } },
        update: { content },
        create: { problemId: row.id, tier: i + 1, content, xpCost: 5 * (i + 1) },
      });
    }
  }
  log(`problems: ${problems.length}, test cases: ${testCases}`);

  // A class, its syllabus and the skill tree built from it, with quests linking problems.
  const cls = await db.class.upsert({
    where: { code: 'CS101-F26' },
    update: {},
    create: {
      name: 'CS101: Introduction to Programming',
      code: 'CS101-F26',
      description: 'Fall 2026. Variables to graphs in twelve weeks.',
      instructorId: users.knuth,
      inviteCode: 'join-cs101-f26',
    },
  });
  for (const [username, id] of Object.entries(users)) {
    if (seedUsers.find((u) => u.username === username)?.role !== 'STUDENT') continue;
    await db.classEnrollment.upsert({
      where: { classId_userId: { classId: cls.id, userId: id } },
      update: {},
      create: { classId: cls.id, userId: id },
    });
  }
  const syl = await db.syllabus.upsert({
    where: { id: seedId('syllabus:cs101') },
    update: { content: syllabus.content },
    create: {
      id: seedId('syllabus:cs101'),
      title: syllabus.title,
      content: syllabus.content,
      authorId: users.knuth,
      classId: cls.id,
    },
  });
  const tree = await db.skillTree.upsert({
    where: { id: seedId('tree:cs101') },
    update: {},
    create: {
      id: seedId('tree:cs101'),
      title: 'CS101 Skill Tree',
      description: 'From first program to graph search.',
      syllabusId: syl.id,
      classId: cls.id,
      authorId: users.knuth,
      status: 'PUBLISHED',
      generatedBy: 'OFFLINE',
      publishedAt: new Date('2026-09-01T00:00:00Z'),
    },
  });
  const nodeIds: Record<string, string> = {};
  for (const [ordinal, n] of syllabus.nodes.entries()) {
    const data = { title: n.title, description: n.description, tags: n.tags, ordinal, x: n.x, y: n.y };
    const node = await db.skillNode.upsert({
      where: { treeId_key: { treeId: tree.id, key: n.key } },
      update: data,
      create: { treeId: tree.id, key: n.key, ...data },
    });
    nodeIds[n.key] = node.id;
  }
  for (const n of syllabus.nodes) {
    for (const pre of n.requires) {
      await db.skillEdge.upsert({
        where: { fromId_toId: { fromId: nodeIds[pre], toId: nodeIds[n.key] } },
        update: {},
        create: { treeId: tree.id, fromId: nodeIds[pre], toId: nodeIds[n.key] },
      });
    }
  }
  for (const n of syllabus.nodes) {
    const matching = problems.filter((p) => p.tags.some((t) => n.tags.includes(t)) || n.tags.includes(p.category));
    const questId = seedId(`quest:${n.key}`);
    await db.quest.upsert({
      where: { id: questId },
      update: {},
      create: {
        id: questId,
        treeId: tree.id,
        nodeId: nodeIds[n.key],
        title: `The ${n.title} Trial`,
        description: `Prove your mastery of ${n.title.toLowerCase()}.`,
        kind: matching.length >= 2 ? 'DUNGEON' : 'QUEST',
        ordinal: syllabus.nodes.indexOf(n),
        steps: {
          create: [
            { ordinal: 0, kind: 'READ', title: `Study: ${n.title}`, content: n.description },
            ...matching.slice(0, 3).map((p, i) => ({
              ordinal: i + 1,
              kind: i === 2 || (i === matching.length - 1 && i > 0) ? ('BOSS' as const) : ('SOLVE' as const),
              title: p.title,
              problemId: problemIds[p.slug],
            })),
          ],
        },
      },
    });
  }
  log(`skill tree: ${syllabus.nodes.length} nodes`);

  // Social: a guild with roles, a party, a friendship.
  const guild = await db.guild.upsert({
    where: { slug: 'recursive-rangers' },
    update: {},
    create: {
      name: 'The Recursive Rangers',
      slug: 'recursive-rangers',
      tag: 'RR',
      description: 'To understand recursion, you must first join the Recursive Rangers.',
      ownerId: users.ada,
    },
  });
  const guildRoles: [string, 'OWNER' | 'OFFICER' | 'MEMBER'][] = [
    ['ada', 'OWNER'],
    ['alan', 'OFFICER'],
    ['grace', 'MEMBER'],
    ['linus', 'MEMBER'],
    ['margaret', 'MEMBER'],
  ];
  for (const [username, role] of guildRoles) {
    await db.guildMember.upsert({
      where: { guildId_userId: { guildId: guild.id, userId: users[username] } },
      update: {},
      create: { guildId: guild.id, userId: users[username], role },
    });
  }
  const party = await db.party.upsert({
    where: { id: seedId('party:night-owls') },
    update: {},
    create: { id: seedId('party:night-owls'), name: 'Night Owls', leaderId: users.grace },
  });
  for (const username of ['grace', 'dennis', 'barbara']) {
    await db.partyMember.upsert({
      where: { partyId_userId: { partyId: party.id, userId: users[username] } },
      update: {},
      create: { partyId: party.id, userId: users[username] },
    });
  }
  for (const [a, b] of [
    ['ada', 'alan'],
    ['ada', 'grace'],
    ['grace', 'dennis'],
  ]) {
    await db.friendship.upsert({
      where: { requesterId_addresseeId: { requesterId: users[a], addresseeId: users[b] } },
      update: {},
      create: {
        requesterId: users[a],
        addresseeId: users[b],
        status: 'ACCEPTED',
        respondedAt: new Date('2026-10-01T12:00:00Z'),
      },
    });
  }

  // Some history: judged submissions, XP events, a finished duel with rating history, notifications.
  const first = problems[0];
  const firstId = problemIds[first.slug];
  for (const [i, username] of ['ada', 'alan', 'grace', 'linus'].entries()) {
    const solved = i !== 3;
    const id = seedId(`submission:${username}:${first.slug}`);
    const tests = first.tests.length;
    await db.submission.upsert({
      where: { id },
      update: {},
      create: {
        id,
        userId: users[username],
        problemId: firstId,
        language: 'python3',
        code: solved ? first.solutions.python3 : 'print(0)\n',
        status: 'DONE',
        verdict: solved ? 'AC' : 'WA',
        score: solved ? 100 : 0,
        testsPassed: solved ? tests : 0,
        testsTotal: tests,
        timeMs: 24 + i,
        memoryKb: 9200,
        createdAt: new Date(Date.UTC(2026, 9, 3 + i, 14)),
        judgedAt: new Date(Date.UTC(2026, 9, 3 + i, 14, 0, 2)),
      },
    });
    if (solved) {
      // The rules engine's own key, so it recognises this solve as already awarded.
      const key = `first-solve:${users[username]}:${firstId}`;
      await db.xpEvent.upsert({
        where: { idempotencyKey: key },
        update: {},
        create: {
          userId: users[username],
          amount: 20,
          reason: 'first-solve',
          sourceType: 'submission',
          sourceId: id,
          idempotencyKey: key,
        },
      });
    }
  }
  const battleId = seedId('battle:ada-alan');
  await db.battle.upsert({
    where: { id: battleId },
    update: {},
    create: {
      id: battleId,
      problemId: problemIds[problems[1].slug],
      status: 'FINISHED',
      result: 'WIN',
      winnerId: users.ada,
      ratingApplied: true,
      createdById: users.ada,
      startedAt: new Date('2026-10-10T18:00:00Z'),
      endsAt: new Date('2026-10-10T18:30:00Z'),
      endedAt: new Date('2026-10-10T18:12:00Z'),
      participants: {
        create: [
          {
            userId: users.ada,
            acceptedAt: new Date('2026-10-10T18:00:00Z'),
            solvedAt: new Date('2026-10-10T18:12:00Z'),
            ratingBefore: 1334,
            ratingAfter: 1350,
          },
          { userId: users.alan, acceptedAt: new Date('2026-10-10T18:00:00Z'), ratingBefore: 1437, ratingAfter: 1421 },
        ],
      },
      ratingHistory: {
        create: [
          { userId: users.ada, kind: 'DUEL', before: 1334, after: 1350, createdAt: new Date('2026-10-10T18:12:00Z') },
          { userId: users.alan, kind: 'DUEL', before: 1437, after: 1421, createdAt: new Date('2026-10-10T18:12:00Z') },
        ],
      },
    },
  });
  const welcomeId = seedId('notification:welcome:ada');
  await db.notification.upsert({
    where: { id: welcomeId },
    update: {},
    create: {
      id: welcomeId,
      userId: users.ada,
      type: 'guild',
      title: 'Alan Turing joined The Recursive Rangers',
      link: '/guilds/recursive-rangers',
    },
  });
  const auditId = BigInt(1);
  await db.auditLog.upsert({
    where: { id: auditId },
    update: {},
    create: {
      id: auditId,
      actorId: users.admin,
      action: 'seed.run',
      targetType: 'platform',
      data: { problems: problems.length },
    },
  });
  // The explicit id above leaves the sequence behind; move it past the seeded rows.
  await db.$executeRawUnsafe(
    `SELECT setval(pg_get_serial_sequence('"AuditLog"', 'id'), GREATEST((SELECT MAX(id) FROM "AuditLog"), 1))`,
  );
  await seedIntegrity(db, users, problemIds, seedId);
  log('history: submissions, a duel, notifications');
  return { users: seedUsers.length, problems: problems.length, testCases };
}
