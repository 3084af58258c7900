import { segmentTerms } from '../../../core/text/chinese-segmenter';
import { FaqCluster, FaqSourceTicket } from './faq-clustering';

/** An FAQ article drafted from a cluster, for a person to complete and publish. */
export interface FaqArticleDraft {
  title: string;
  /** Markdown. */
  body: string;
  tags: string[];
  /** The tickets listed in the body, the most representative first. */
  exampleTicketIds: string[];
}

/** Enough for a reader to see the question's range of wordings; the body says how many in all. */
export const MAX_EXAMPLE_TICKETS = 10;

/** A title names the topic in a glance: more terms read as a list. */
const TITLE_TERM_COUNT = 3;

/**
 * The FAQ article drafted from `cluster`: titled with its top terms, tagged with them, and
 * listing up to MAX_EXAMPLE_TICKETS of its tickets, those that use the most top terms first
 * (ties in the cluster's order). `tickets` holds at least the cluster's tickets, in any order.
 */
export function draftFaqArticle(
  cluster: FaqCluster,
  tickets: readonly FaqSourceTicket[],
): FaqArticleDraft {
  const examples = representativeFirst(ticketsOf(cluster, tickets), cluster.topTerms).slice(
    0,
    MAX_EXAMPLE_TICKETS,
  );
  return {
    title: titleOf(cluster.topTerms),
    body: bodyOf(cluster, examples),
    tags: [...cluster.topTerms],
    exampleTicketIds: examples.map((ticket) => ticket.id),
  };
}

function ticketsOf(cluster: FaqCluster, tickets: readonly FaqSourceTicket[]): FaqSourceTicket[] {
  const byId = new Map(tickets.map((ticket) => [ticket.id, ticket]));
  return cluster.ticketIds.map((id) => {
    const ticket = byId.get(id);
    if (!ticket) throw new Error(`The cluster's ticket ${id} is not among the tickets given`);
    return ticket;
  });
}

/** The tickets that use the most top terms first; the sort is stable, so ties keep their order. */
function representativeFirst(
  tickets: readonly FaqSourceTicket[],
  topTerms: readonly string[],
): FaqSourceTicket[] {
  const topTermCount = (ticket: FaqSourceTicket) => {
    const terms = new Set(segmentTerms(`${ticket.subject}\n${ticket.content}`));
    return topTerms.filter((term) => terms.has(term)).length;
  };
  return tickets
    .map((ticket) => ({ ticket, score: topTermCount(ticket) }))
    .sort((a, b) => b.score - a.score)
    .map(({ ticket }) => ticket);
}

function titleOf(topTerms: readonly string[]): string {
  const terms = topTerms.slice(0, TITLE_TERM_COUNT);
  return terms.length > 0 ? `常见问题：${terms.join(' · ')}` : '常见问题';
}

function bodyOf(cluster: FaqCluster, examples: readonly FaqSourceTicket[]): string {
  const total = cluster.ticketIds.length;
  const keywords = cluster.topTerms.length > 0 ? `，关键词：${cluster.topTerms.join('、')}` : '';
  const listed =
    examples.length < total ? `共 ${total} 张，列出 ${examples.length} 张：` : `共 ${total} 张：`;
  return [
    '## 问题概要',
    '',
    `共有 ${total} 张工单问到这类问题${keywords}。`,
    '',
    `典型问法：「${inlineText(examples[0]?.subject ?? '')}」`,
    '',
    '## 标准答复',
    '',
    '（草稿：请在发布前补充标准答复。）',
    '',
    '## 示例工单',
    '',
    listed,
    '',
    ...examples.map((ticket) => `- \`${ticket.id}\` ${inlineText(ticket.subject)}`),
    '',
  ].join('\n');
}

/**
 * A customer's subject as one line of plain Markdown text: line breaks would end the list
 * item, and Markdown or HTML characters would format it (or inject markup into the page).
 */
function inlineText(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 0 ? line.replace(/[\\`*_[\]<>#|~]/g, '\\$&') : '（无标题）';
}
