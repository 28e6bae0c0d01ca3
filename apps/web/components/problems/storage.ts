// The editor's memory in this browser: the last language picked, and a draft per problem and
// language, so a reload (or a crash) loses nothing. Storage may be unavailable (private mode,
// quota): then drafts simply aren't kept.
const LANGUAGE_KEY = 'roguelearn:editor-language';
const draftKey = (problemId: string, language: string) => `roguelearn:draft:${problemId}:${language}`;

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Quota exceeded or storage disabled: the draft lives on in the editor until the tab closes.
  }
}

export const loadLanguage = () => read(LANGUAGE_KEY);
export const saveLanguage = (language: string) => write(LANGUAGE_KEY, language);

export const loadDraft = (problemId: string, language: string) => read(draftKey(problemId, language));

/** Stores the draft; text identical to the starter code is not a draft (so starter updates show). */
export function saveDraft(problemId: string, language: string, code: string, starter: string): void {
  write(draftKey(problemId, language), code === starter ? null : code);
}

/** What a new solution starts from when the problem has no starter code for the language. */
export const fallbackStarter: Record<string, string> = {
  python3: 'import sys\n\n\ndef main():\n    data = sys.stdin.read().split()\n    # Your solution here\n\n\nmain()\n',
  javascript: "const input = require('fs').readFileSync(0, 'utf8');\n\n// Your solution here\n",
  typescript:
    "import { readFileSync } from 'node:fs';\n\nconst input: string = readFileSync(0, 'utf8');\n\n// Your solution here\n",
  c: '#include <stdio.h>\n\nint main(void) {\n    // Your solution here\n    return 0;\n}\n',
  cpp: '#include <bits/stdc++.h>\nusing namespace std;\n\nint main() {\n    ios::sync_with_stdio(false);\n    cin.tie(nullptr);\n    // Your solution here\n    return 0;\n}\n',
  java: 'import java.io.*;\nimport java.util.*;\n\npublic class Main {\n    public static void main(String[] args) throws IOException {\n        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));\n        // Your solution here\n    }\n}\n',
};
