// CS101's syllabus and the skill tree the offline generator derives from its headings.
const content = `# CS101: Introduction to Programming (Fall 2026)

Instructor: Prof. Donald Knuth. Twelve weeks, two lectures and one lab per week.

## Week 1-2: Foundations
Variables, expressions, input and output, conditionals and loops. Integer arithmetic and overflow.

## Week 3: Strings
Indexing, slicing, building strings efficiently, palindromes and anagrams.

## Week 4: Arrays and Prefix Sums
Lists, two pointers, prefix sums and sliding windows.

## Week 5: Sorting and Searching
Comparison sorts, custom orders, binary search on answers.

## Week 6: Recursion
Base cases, recursive decomposition, backtracking.

## Week 7: Greedy Algorithms
Exchange arguments, interval scheduling, when greedy fails.

## Week 8: Data Structures
Stacks, queues, hash maps, heaps.

## Week 9-10: Dynamic Programming
Overlapping subproblems, memoisation, tabulation, knapsack and sequences.

## Week 11-12: Graphs
Representations, BFS, DFS, shortest paths, connected components.

Grading: weekly quests 40%, two contests 30%, final dungeon 30%.
`;

export const syllabus = {
  title: 'CS101: Introduction to Programming',
  content,
  nodes: [
    {
      key: 'foundations',
      title: 'Foundations',
      description: 'Variables, I/O, conditionals, loops.',
      tags: ['math', 'implementation'],
      requires: [],
      x: 0,
      y: 0,
    },
    {
      key: 'strings',
      title: 'Strings',
      description: 'Indexing, slicing, palindromes, anagrams.',
      tags: ['strings'],
      requires: ['foundations'],
      x: -200,
      y: 150,
    },
    {
      key: 'arrays',
      title: 'Arrays and Prefix Sums',
      description: 'Two pointers, prefix sums, sliding windows.',
      tags: ['arrays', 'prefix-sums', 'two-pointers'],
      requires: ['foundations'],
      x: 200,
      y: 150,
    },
    {
      key: 'sorting',
      title: 'Sorting and Searching',
      description: 'Sorts, custom orders, binary search.',
      tags: ['sorting', 'binary-search'],
      requires: ['arrays'],
      x: 200,
      y: 300,
    },
    {
      key: 'recursion',
      title: 'Recursion',
      description: 'Base cases, decomposition, backtracking.',
      tags: ['recursion', 'backtracking'],
      requires: ['strings', 'arrays'],
      x: 0,
      y: 300,
    },
    {
      key: 'greedy',
      title: 'Greedy Algorithms',
      description: 'Exchange arguments and interval scheduling.',
      tags: ['greedy'],
      requires: ['sorting'],
      x: 300,
      y: 450,
    },
    {
      key: 'data-structures',
      title: 'Data Structures',
      description: 'Stacks, queues, hash maps, heaps.',
      tags: ['data-structures', 'stack', 'hashing', 'heap'],
      requires: ['arrays'],
      x: 450,
      y: 300,
    },
    {
      key: 'dp',
      title: 'Dynamic Programming',
      description: 'Memoisation, tabulation, knapsack, sequences.',
      tags: ['dynamic-programming', 'dp'],
      requires: ['recursion'],
      x: 0,
      y: 450,
    },
    {
      key: 'graphs',
      title: 'Graphs',
      description: 'BFS, DFS, shortest paths, components.',
      tags: ['graphs', 'bfs', 'dfs', 'shortest-path'],
      requires: ['data-structures', 'recursion'],
      x: 200,
      y: 600,
    },
  ],
};
