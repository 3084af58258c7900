import { segmentTerms } from '../../../core/text/chinese-segmenter';

/** A ticket question as the FAQ clustering reads it. Ids are unique. */
export interface FaqSourceTicket {
  id: string;
  subject: string;
  content: string;
  createdAt: Date;
}

/** A group of tickets asking the same thing. */
export interface FaqCluster {
  /** By createdAt, then id. */
  ticketIds: string[];
  /** The cluster's heaviest terms (summed TF-IDF weight), heaviest first; ties by term. */
  topTerms: string[];
}

export interface FaqClusteringOptions {
  /** Average cosine similarity, in (0, 1], at or above which two clusters merge. */
  similarityThreshold?: number;
  /** The fewest tickets a cluster needs to be kept (an integer ≥ 1). */
  minClusterSize?: number;
  /** How many top terms a cluster reports (an integer ≥ 1). */
  topTermCount?: number;
}

/** The defaults, chosen on Chinese B2B ticket texts: see docs/knowledge-base.md#auto_faq. */
export const FAQ_CLUSTERING_DEFAULTS: Readonly<Required<FaqClusteringOptions>> = {
  similarityThreshold: 0.05,
  minClusterSize: 3,
  topTermCount: 5,
};

/** The subject says what the question is about, in few words: it counts twice the content. */
const SUBJECT_WEIGHT = 2;

/** A ticket's terms as an L2-normalised TF-IDF vector: term → weight. */
type TermVector = Map<string, number>;

/**
 * The tickets grouped by what they ask: TF-IDF vectors of their jieba terms, compared by cosine
 * similarity, merged by average linkage until no two clusters are `similarityThreshold` alike;
 * clusters under `minClusterSize` tickets (the one-off questions) are left out. The biggest
 * cluster comes first, then the one whose first ticket is earlier.
 *
 * The result depends on the set of tickets only, not on their order in the array: they are
 * sorted by (createdAt, id) first, and every tie is broken by that order.
 *
 * Cost: O(n²) time and n²/2 doubles of memory for n tickets (2,000 tickets: 16 MB and under
 * a second, segmentation included; 5,000 tickets: 100 MB), hence one week at a time.
 */
export function clusterTickets(
  tickets: readonly FaqSourceTicket[],
  options: FaqClusteringOptions = {},
): FaqCluster[] {
  const { similarityThreshold, minClusterSize, topTermCount } = resolveOptions(options);
  const ordered = [...tickets].sort(compareTickets);
  const vectors = tfIdfVectors(ordered);
  const similarities = pairwiseSimilarities(vectors);
  return averageLinkageClusters(similarities, similarityThreshold)
    .filter((members) => members.length >= minClusterSize)
    .sort((a, b) => b.length - a.length || a[0] - b[0])
    .map((members) => ({
      ticketIds: members.map((index) => ordered[index].id),
      topTerms: topTermsOf(
        members.map((index) => vectors[index]),
        topTermCount,
      ),
    }));
}

function resolveOptions(options: FaqClusteringOptions): Required<FaqClusteringOptions> {
  // An option given as undefined takes its default, as an omitted one does.
  const similarityThreshold =
    options.similarityThreshold ?? FAQ_CLUSTERING_DEFAULTS.similarityThreshold;
  const minClusterSize = options.minClusterSize ?? FAQ_CLUSTERING_DEFAULTS.minClusterSize;
  const topTermCount = options.topTermCount ?? FAQ_CLUSTERING_DEFAULTS.topTermCount;
  if (!(similarityThreshold > 0 && similarityThreshold <= 1)) {
    throw new RangeError(`similarityThreshold must be in (0, 1], got ${similarityThreshold}`);
  }
  if (!Number.isInteger(minClusterSize) || minClusterSize < 1) {
    throw new RangeError(`minClusterSize must be an integer ≥ 1, got ${minClusterSize}`);
  }
  if (!Number.isInteger(topTermCount) || topTermCount < 1) {
    throw new RangeError(`topTermCount must be an integer ≥ 1, got ${topTermCount}`);
  }
  return { similarityThreshold, minClusterSize, topTermCount };
}

/** By createdAt, then id; subject and content make even a repeated ticket's place definite. */
function compareTickets(a: FaqSourceTicket, b: FaqSourceTicket): number {
  return (
    a.createdAt.getTime() - b.createdAt.getTime() ||
    compareStrings(a.id, b.id) ||
    compareStrings(a.subject, b.subject) ||
    compareStrings(a.content, b.content)
  );
}

/** By UTF-16 code units: unlike localeCompare, the same on every machine and locale. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function termCounts(ticket: FaqSourceTicket): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (term: string, weight: number) => counts.set(term, (counts.get(term) ?? 0) + weight);
  segmentTerms(ticket.subject).forEach((term) => add(term, SUBJECT_WEIGHT));
  segmentTerms(ticket.content).forEach((term) => add(term, 1));
  return counts;
}

/**
 * Term frequency times smoothed inverse document frequency, ln((1 + n) / (1 + df)) + 1: a term
 * in every ticket still weighs a little, and a term in one ticket weighs the most but matches
 * nothing. Normalised to length 1, so that a dot product is a cosine similarity.
 */
function tfIdfVectors(tickets: readonly FaqSourceTicket[]): TermVector[] {
  const counts = tickets.map(termCounts);
  const documentFrequency = new Map<string, number>();
  for (const terms of counts) {
    for (const term of terms.keys()) {
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    }
  }
  const n = tickets.length;
  return counts.map((terms) => {
    const vector: TermVector = new Map();
    for (const [term, count] of terms) {
      const idf = Math.log((1 + n) / (1 + (documentFrequency.get(term) ?? 0))) + 1;
      vector.set(term, count * idf);
    }
    return normalised(vector);
  });
}

function normalised(vector: TermVector): TermVector {
  const length = Math.sqrt([...vector.values()].reduce((sum, weight) => sum + weight * weight, 0));
  return length === 0
    ? vector
    : new Map([...vector].map(([term, weight]) => [term, weight / length]));
}

/** The upper triangle of a symmetric n × n matrix without its diagonal, row by row. */
class TriangularMatrix {
  readonly values: Float64Array;

  constructor(readonly size: number) {
    this.values = new Float64Array((size * (size - 1)) / 2);
  }

  indexOf(i: number, j: number): number {
    const row = Math.min(i, j);
    const column = Math.max(i, j);
    return (row * (2 * this.size - row - 1)) / 2 + (column - row - 1);
  }

  get(i: number, j: number): number {
    return this.values[this.indexOf(i, j)];
  }

  set(i: number, j: number, value: number): void {
    this.values[this.indexOf(i, j)] = value;
  }
}

/** A term's tickets, ascending, with the term's weight in each. */
interface Posting {
  tickets: number[];
  weights: number[];
}

/**
 * Every pair's cosine similarity, through an inverted index (term → its tickets): only the
 * pairs that share a term are visited, always in the same order, so the sums are the same on
 * every run.
 */
function pairwiseSimilarities(vectors: readonly TermVector[]): TriangularMatrix {
  const similarities = new TriangularMatrix(vectors.length);
  const postings = new Map<string, Posting>();
  vectors.forEach((vector, index) => {
    for (const [term, weight] of vector) {
      const posting = postings.get(term) ?? { tickets: [], weights: [] };
      posting.tickets.push(index);
      posting.weights.push(weight);
      postings.set(term, posting);
    }
  });
  vectors.forEach((vector, i) => {
    for (const [term, weight] of vector) {
      const { tickets, weights } = postings.get(term)!;
      // Only the later tickets (j > i), at the posting's end: each pair is summed once.
      for (let k = tickets.length - 1; k >= 0 && tickets[k] > i; k--) {
        similarities.values[similarities.indexOf(i, tickets[k])] += weight * weights[k];
      }
    }
  });
  return similarities;
}

/**
 * Average-linkage agglomerative clustering, cut at `threshold`, by the nearest-neighbour chain
 * algorithm: O(n²) instead of the textbook O(n³), and the same clusters, as average linkage is
 * reducible (merging two clusters never brings the result nearer a third than the nearer of the
 * two was). For the same reason, a cluster whose nearest neighbour is under the threshold can
 * never merge again, and is final at once.
 *
 * Cluster similarities live in `similarities`, in the row of the cluster's lowest ticket, and
 * are updated on each merge (Lance–Williams): the new cluster's similarity to a third one is
 * the size-weighted mean of its two parts'. Returns each cluster's ticket indexes, ascending.
 */
function averageLinkageClusters(similarities: TriangularMatrix, threshold: number): number[][] {
  const members = Array.from({ length: similarities.size }, (_, index) => [index]);
  const active = new Set(members.keys());
  const clusters: number[][] = [];
  const chain: number[] = [];
  while (active.size > 0) {
    if (chain.length === 0) chain.push(lowest(active));
    const top = chain[chain.length - 1];
    const previous = chain.length > 1 ? chain[chain.length - 2] : undefined;
    const nearest = nearestNeighbour(similarities, active, top, previous);
    if (nearest === undefined || similarities.get(top, nearest) < threshold) {
      chain.pop();
      active.delete(top);
      clusters.push(members[top]);
    } else if (nearest === previous) {
      chain.splice(-2);
      const [kept, absorbed] = top < previous ? [top, previous] : [previous, top];
      active.delete(absorbed);
      mergeRows(similarities, active, members, kept, absorbed);
      members[kept] = [...members[kept], ...members[absorbed]].sort((a, b) => a - b);
    } else {
      chain.push(nearest);
    }
  }
  return clusters;
}

/** The lowest index: `active` holds the indexes in ascending order, as they were added. */
function lowest(active: ReadonlySet<number>): number {
  return active.values().next().value as number;
}

/**
 * The most similar active cluster to `cluster`. A tie goes to the chain's previous cluster
 * (without that rule the chain could cycle between equals), then to the lowest index, as
 * `active` holds the indexes in ascending order.
 */
function nearestNeighbour(
  similarities: TriangularMatrix,
  active: ReadonlySet<number>,
  cluster: number,
  previous: number | undefined,
): number | undefined {
  let nearest = previous;
  let best = previous === undefined ? -Infinity : similarities.get(cluster, previous);
  for (const other of active) {
    const similarity = other === cluster ? -Infinity : similarities.get(cluster, other);
    if (similarity > best) {
      nearest = other;
      best = similarity;
    }
  }
  return nearest;
}

function mergeRows(
  similarities: TriangularMatrix,
  active: ReadonlySet<number>,
  members: readonly number[][],
  kept: number,
  absorbed: number,
): void {
  const keptSize = members[kept].length;
  const absorbedSize = members[absorbed].length;
  for (const other of active) {
    if (other === kept) continue;
    const merged =
      (keptSize * similarities.get(kept, other) +
        absorbedSize * similarities.get(absorbed, other)) /
      (keptSize + absorbedSize);
    similarities.set(kept, other, merged);
  }
}

/** The terms with the most summed weight over the cluster's vectors; ties by term. */
function topTermsOf(vectors: readonly TermVector[], count: number): string[] {
  const weights = new Map<string, number>();
  for (const vector of vectors) {
    for (const [term, weight] of vector) weights.set(term, (weights.get(term) ?? 0) + weight);
  }
  return [...weights]
    .sort(([termA, a], [termB, b]) => b - a || compareStrings(termA, termB))
    .slice(0, count)
    .map(([term]) => term);
}
