// Conversations as chat templates accept them. Gemma-style templates raise "Conversation roles must alternate
// user/assistant/user/assistant/..." and have no system role (Gemma 2's template refuses one); Llama 3.1 and Qwen 2.5
// take one system turn first. The rule every export applies (and score_pairs.py applies again at scoring time):
//   - consecutive turns of the same role are merged into one, their contents joined by a blank line;
//   - system turns: where the template has a system role, the leading ones become one system turn and a later one is
//     merged into the next user turn; where it has none, every system turn is merged into the next user turn;
//   - a conversation that still cannot alternate (it opens with the assistant, has no user turn, or its prompt ends
//     with an assistant turn, which would merge into the compared response) is dropped, with that reason.
import type { Message } from '../data/schema.js';

export interface TemplateRoles {
  /** Whether the chat template takes a system turn (first only). */
  systemRole: boolean;
}

export type RoleFix = 'merged-same-role' | 'merged-system-into-user';
export type RoleDrop = 'starts-with-assistant' | 'no-user-turn' | 'prompt-ends-with-assistant';

export const ROLE_DROP_REASONS: Record<RoleDrop, string> = {
  'starts-with-assistant': 'the conversation opens with an assistant turn (no user turn to answer)',
  'no-user-turn': 'the prompt has no user turn',
  'prompt-ends-with-assistant': 'the prompt ends with an assistant turn, which would merge into the compared response',
};

export const ROLE_FIX_REASONS: Record<RoleFix, string> = {
  'merged-same-role': 'two or more consecutive turns of the same role, merged into one (blank line between)',
  'merged-system-into-user': "a system turn the template cannot take there, merged into the next user turn's start",
};

export type PromptCheck = { prompt: Message[]; fixes: RoleFix[] } | { drop: RoleDrop };

const JOIN = '\n\n';

/** The prompt rewritten to alternate user/assistant (optionally after one system turn), or why it cannot be. */
export function alternatePrompt(prompt: readonly Message[], roles: TemplateRoles): PromptCheck {
  const fixes = new Set<RoleFix>();
  const out: Message[] = [];
  let pendingSystem: string[] = [];
  for (const m of prompt) {
    if (m.role === 'system') {
      const leading = out.length === 0 || (out.length === 1 && out[0].role === 'system');
      if (roles.systemRole && leading && !pendingSystem.length) {
        if (out.length === 1) {
          out[0] = { role: 'system', content: out[0].content + JOIN + m.content };
          fixes.add('merged-same-role');
        } else out.push({ role: 'system', content: m.content });
      } else pendingSystem.push(m.content);
      continue;
    }
    let content = m.content;
    if (pendingSystem.length) {
      if (m.role !== 'user') return { drop: 'starts-with-assistant' };
      content = [...pendingSystem, content].join(JOIN);
      pendingSystem = [];
      fixes.add('merged-system-into-user');
    }
    const last = out[out.length - 1];
    if (last && last.role === m.role) {
      out[out.length - 1] = { role: m.role, content: last.content + JOIN + content };
      fixes.add('merged-same-role');
    } else out.push({ role: m.role, content });
  }
  const turns = out.filter((m) => m.role !== 'system');
  if (pendingSystem.length || !turns.length) return { drop: 'no-user-turn' };
  if (turns[0].role !== 'user') return { drop: 'starts-with-assistant' };
  if (turns[turns.length - 1].role !== 'user') return { drop: 'prompt-ends-with-assistant' };
  return { prompt: out, fixes: [...fixes] };
}

/** Whether prompt + one assistant answer alternates as the template needs (the check the exports must pass). */
export function alternates(prompt: readonly Message[], roles: TemplateRoles): boolean {
  const turns = [...prompt, { role: 'assistant', content: '' } as Message];
  let i = 0;
  if (roles.systemRole && turns[0]?.role === 'system') i = 1;
  for (let k = i; k < turns.length; k++) {
    const want = (k - i) % 2 === 0 ? 'user' : 'assistant';
    if (turns[k].role !== want) return false;
  }
  return turns.length - i >= 2;
}

export interface RoleReport {
  /** The template rule applied. */
  systemRole: boolean;
  rows: number;
  kept: number;
  fixed: Partial<Record<RoleFix, number>>;
  dropped: Partial<Record<RoleDrop, number>>;
  /** The first few dropped ids per reason, so a reader can look. */
  droppedIds: Partial<Record<RoleDrop, string[]>>;
}

/** Applies the rule to rows with a prompt; returns the kept rows (prompts rewritten) and the counts. */
export function alternateRows<T extends { id: string; prompt: Message[] }>(
  rows: readonly T[],
  roles: TemplateRoles,
): { rows: T[]; report: RoleReport } {
  const report: RoleReport = {
    systemRole: roles.systemRole,
    rows: rows.length,
    kept: 0,
    fixed: {},
    dropped: {},
    droppedIds: {},
  };
  const kept: T[] = [];
  for (const r of rows) {
    const c = alternatePrompt(r.prompt, roles);
    if ('drop' in c) {
      report.dropped[c.drop] = (report.dropped[c.drop] ?? 0) + 1;
      const ids = (report.droppedIds[c.drop] ??= []);
      if (ids.length < 5) ids.push(r.id);
      continue;
    }
    for (const f of c.fixes) report.fixed[f] = (report.fixed[f] ?? 0) + 1;
    kept.push(c.fixes.length ? { ...r, prompt: c.prompt } : r);
  }
  report.kept = kept.length;
  return { rows: kept, report };
}

/** The report as sentences for a data card. */
export function roleReportLines(what: string, r: RoleReport): string[] {
  const lines = [
    `${what}: ${r.rows} rows checked against the template rule (system ` +
      `role ${r.systemRole ? 'taken first' : 'absent: merged into the next user turn'}); ${r.kept} kept.`,
  ];
  for (const [k, n] of Object.entries(r.fixed)) lines.push(`- ${n} rewritten: ${ROLE_FIX_REASONS[k as RoleFix]}`);
  for (const [k, n] of Object.entries(r.dropped))
    lines.push(
      `- ${n} dropped: ${ROLE_DROP_REASONS[k as RoleDrop]} (e.g. ${(r.droppedIds[k as RoleDrop] ?? []).join(', ')})`,
    );
  if (!Object.keys(r.fixed).length && !Object.keys(r.dropped).length) lines.push('- every row already alternates');
  return lines;
}

/** One line for the terminal: rows rewritten and dropped in the training and evaluation files. */
export function roleSummary(roles: { train: RoleReport; eval?: RoleReport }): string {
  const count = (r: RoleReport) => {
    const fixed = Object.values(r.fixed).reduce((a, b) => a + (b ?? 0), 0);
    return `${fixed} rewritten, ${r.rows - r.kept} dropped of ${r.rows}`;
  };
  return `training ${count(roles.train)}${roles.eval ? `; evaluation ${count(roles.eval)}` : ''}`;
}
